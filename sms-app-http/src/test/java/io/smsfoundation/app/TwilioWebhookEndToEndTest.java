package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.domain.message.RawForm;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the service must agree with Twilio, over real HTTP: repeated parameters are stored whole,
 * the signature is accepted as Twilio's own validators accept it (the port of an HTTPS URL dropped,
 * the other percent-encoding of the query), and status callbacks change only outbound messages.
 */
class TwilioWebhookEndToEndTest {

  /** Twilio drops the port of an HTTPS URL before signing; the service is configured with it. */
  private static final String PUBLIC_BASE_URL = "https://sms.example.com:8443";

  private static TestApplication app;

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of(AppConfig.PUBLIC_BASE_URL, PUBLIC_BASE_URL));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static RawForm inbound(String sid, String from, String body) {
    return TwilioWebhookForms.inboundMessage(
        "AC" + "0".repeat(32), sid, from, TestApplication.TWILIO_NUMBER, body, List.of(), null);
  }

  private static JsonNode messageBySid(String phone, String sid) {
    JsonNode page = json(app.get("/conversations/" + encode(phone) + "?limit=100"));
    for (JsonNode message : page.get("messages")) {
      if (message.get("twilio_sid").asText().equals(sid)) {
        return json(app.get("/messages/" + message.get("id").asText()));
      }
    }
    throw new AssertionError("no message " + sid);
  }

  @Test
  void a_signature_over_the_url_without_its_https_port_is_accepted() {
    String sid = newSid();

    HttpResponse<String> response =
        app.webhookSignedFor(
            "/webhook/twilio/sms",
            "https://sms.example.com/webhook/twilio/sms",
            inbound(sid, "+12015557001", "Hello"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(messageBySid("+12015557001", sid).get("content").asText()).isEqualTo("Hello");
  }

  @Test
  void a_signature_over_another_host_is_refused() {
    HttpResponse<String> response =
        app.webhookSignedFor(
            "/webhook/twilio/sms",
            "https://evil.example.com/webhook/twilio/sms",
            inbound(newSid(), "+12015557002", "Hello"));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void a_repeated_parameter_keeps_every_value_in_the_raw_webhook_data() {
    String sid = newSid();
    RawForm form =
        RawForm.builder()
            .add("MessageSid", sid)
            .add("From", "+12015557003")
            .add("To", TestApplication.TWILIO_NUMBER)
            .add("Body", "first")
            .add("Tag", "b")
            .add("Tag", "a")
            .add("Body", "second")
            .build();

    HttpResponse<String> response =
        app.webhookSignedFor("/webhook/twilio/sms", PUBLIC_BASE_URL + "/webhook/twilio/sms", form);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode raw = messageBySid("+12015557003", sid).get("raw_webhook_data");
    assertThat(raw.get("Tag").toString()).isEqualTo("[\"b\",\"a\"]");
    assertThat(raw.get("Body").toString()).isEqualTo("[\"first\",\"second\"]");
    assertThat(raw.get("From").asText()).isEqualTo("+12015557003");
  }

  @Test
  void a_query_string_signed_with_the_other_percent_encoding_is_accepted() {
    String sid = newSid();

    HttpResponse<String> response =
        app.webhookSignedFor(
            "/webhook/twilio/sms?campaign=tenant's",
            "https://sms.example.com/webhook/twilio/sms?campaign=tenant%27s",
            inbound(sid, "+12015557004", "Hi"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void a_status_callback_naming_an_inbound_message_changes_nothing() {
    String sid = newSid();
    assertThat(
            app.webhookSignedFor(
                    "/webhook/twilio/sms",
                    PUBLIC_BASE_URL + "/webhook/twilio/sms",
                    inbound(sid, "+12015557005", "STOP sending me the newsletter please"))
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> callback =
        app.webhookSignedFor(
            "/webhook/twilio/status",
            PUBLIC_BASE_URL + "/webhook/twilio/status",
            TwilioWebhookForms.statusCallback(
                "AC" + "0".repeat(32), sid, "failed", null, null, null, "21610"));

    assertThat(callback.statusCode()).isEqualTo(200);
    JsonNode message = messageBySid("+12015557005", sid);
    assertThat(message.get("delivery_status").asText()).isEqualTo("received");
    assertThat(message.get("status_history").get(0).get("status").asText()).isEqualTo("failed");
    JsonNode conversation =
        json(app.get("/conversations/" + encode("+12015557005"))).get("conversation");
    assertThat(conversation.get("opted_out").asBoolean()).isFalse();
  }

  @Test
  void a_status_change_moves_the_conversations_last_message_time_forward() throws Exception {
    HttpResponse<String> sent = app.send("+12015557006", "Your package arrived");
    JsonNode receipt = json(sent);
    String messageId = receipt.get("message_id").asText();
    // the emulator's own callbacks go to the public URL, which is not this test's server
    String sid =
        TestApplication.eventually(
                () -> json(app.get("/messages/" + messageId)), m -> !m.get("twilio_sid").isNull())
            .get("twilio_sid")
            .asText();
    Instant before = lastMessageAt("+12015557006");
    Thread.sleep(20);

    app.webhookSignedFor(
        "/webhook/twilio/status?message_id=" + messageId,
        PUBLIC_BASE_URL + "/webhook/twilio/status?message_id=" + messageId,
        TwilioWebhookForms.statusCallback(
            "AC" + "0".repeat(32), sid, "delivered", null, null, null, null));

    assertThat(lastMessageAt("+12015557006")).isAfter(before);
  }

  private static Instant lastMessageAt(String phone) {
    return Instant.parse(
        json(app.get("/conversations/" + encode(phone)))
            .get("conversation")
            .get("last_message_at")
            .asText());
  }
}
