package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inbound SMS over real HTTP: signatures, exactly-once storage, reading conversations back. */
class InboundWebhookEndToEndTest {

  private static TestApplication app;
  private static int nextNumber = 1000;

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A US number no other test of this class uses. */
  private static synchronized String newPhone() {
    return "+1201555" + nextNumber++;
  }

  private static JsonNode conversation(String phone) {
    HttpResponse<String> response = app.get("/conversations/" + encode(phone) + "?limit=100");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  @Test
  void inbound_webhook_is_answered_with_empty_twiml_and_stored() {
    String phone = newPhone();

    HttpResponse<String> response = app.inbound(phone, "Hello, is the unit still available?");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    assertThat(response.body()).isEqualTo(TestApplication.EMPTY_TWIML);
    JsonNode page = conversation(phone);
    assertThat(page.at("/conversation/phone_number").asText()).isEqualTo(phone);
    assertThat(page.get("messages")).hasSize(1);
    JsonNode message = page.get("messages").get(0);
    assertThat(message.get("direction").asText()).isEqualTo("inbound");
    assertThat(message.get("content").asText()).isEqualTo("Hello, is the unit still available?");
    assertThat(message.get("delivery_status").asText()).isEqualTo("received");
    assertThat(page.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void duplicate_webhook_stores_one_message() {
    String phone = newPhone();
    Map<String, String> form = inboundForm(newSid(), phone, "Same message twice");

    HttpResponse<String> first = app.webhook("/webhook/twilio/sms", form);
    HttpResponse<String> second = app.webhook("/webhook/twilio/sms", form);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(TestApplication.EMPTY_TWIML);
    assertThat(conversation(phone).get("messages")).hasSize(1);
  }

  @Test
  void thirty_two_concurrent_duplicates_store_one_message() throws Exception {
    String phone = newPhone();
    Map<String, String> form = inboundForm(newSid(), phone, "Storm of retries");
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Integer>> posts = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      posts.add(
          () -> {
            go.await();
            return app.webhook("/webhook/twilio/sms", form).statusCode();
          });
    }
    List<Integer> statuses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<Integer>> futures = new ArrayList<>();
      posts.forEach(post -> futures.add(pool.submit(post)));
      go.countDown();
      for (Future<Integer> future : futures) {
        statuses.add(future.get());
      }
    }

    assertThat(statuses).hasSize(32).containsOnly(200);
    assertThat(conversation(phone).get("messages")).hasSize(1);
  }

  @Test
  void forged_signature_is_refused_and_nothing_is_stored() {
    String phone = newPhone();
    Map<String, String> form = inboundForm(newSid(), phone, "forged");
    String forged =
        TwilioSignatures.signSingleValued(
            "not-the-auth-token", app.application().publicBaseUrl() + "/webhook/twilio/sms", form);

    HttpResponse<String> response = app.webhook("/webhook/twilio/sms", form, forged);

    assertError(response, 403, "sms.forbidden");
    assertError(app.get("/conversations/" + encode(phone)), 404, "sms.not_found");
  }

  @Test
  void unsigned_webhook_is_refused_and_nothing_is_stored() {
    String phone = newPhone();

    HttpResponse<String> response =
        app.webhook("/webhook/twilio/sms", inboundForm(newSid(), phone, "unsigned"), null);

    assertError(response, 403, "sms.forbidden");
    assertError(app.get("/conversations/" + encode(phone)), 404, "sms.not_found");
  }

  @Test
  void tampered_parameters_break_the_signature() {
    String phone = newPhone();
    Map<String, String> signed = inboundForm(newSid(), phone, "pay 10");
    String signature =
        TwilioSignatures.signSingleValued(
            TestApplication.AUTH_TOKEN,
            app.application().publicBaseUrl() + "/webhook/twilio/sms",
            signed);
    Map<String, String> tampered = new java.util.LinkedHashMap<>(signed);
    tampered.put("Body", "pay 1000");

    assertError(app.webhook("/webhook/twilio/sms", tampered, signature), 403, "sms.forbidden");
    assertError(app.get("/conversations/" + encode(phone)), 404, "sms.not_found");
  }

  @Test
  void language_is_detected_and_kept_on_the_conversation() {
    String phone = newPhone();

    app.inbound(phone, "Sí, mañana le pago la renta, gracias");

    JsonNode page = conversation(phone);
    assertThat(page.at("/conversation/language").asText()).isEqualTo("es");
    assertThat(page.at("/conversation/language_confidence").asDouble()).isPositive();
    assertThat(page.at("/messages/0/language").asText()).isEqualTo("es");
  }

  @Test
  void any_phone_variant_finds_the_conversation() {
    String phone = newPhone();
    app.inbound(phone, "hi");
    String national = phone.substring(2);
    String id = conversation(phone).at("/conversation/id").asText();

    for (String variant :
        List.of(
            encode(phone),
            phone,
            phone.substring(1),
            national,
            // in a path a space is %20; a plus sign is a plus sign
            encode(
                    "("
                        + national.substring(0, 3)
                        + ") "
                        + national.substring(3, 6)
                        + "-"
                        + national.substring(6))
                .replace("+", "%20"))) {
      HttpResponse<String> response = app.get("/conversations/" + variant);
      assertThat(response.statusCode()).as(variant).isEqualTo(200);
      assertThat(json(response).at("/conversation/id").asText()).as(variant).isEqualTo(id);
    }
  }

  @Test
  void pagination_walks_every_message_once_newest_first() {
    String phone = newPhone();
    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      String sid = newSid();
      sent.add(sid);
      assertThat(
              app.webhook("/webhook/twilio/sms", inboundForm(sid, phone, "message " + i))
                  .statusCode())
          .isEqualTo(200);
    }

    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path =
          "/conversations/"
              + encode(phone)
              + "?limit=5"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = json(app.get(path));
      page.get("messages").forEach(seen::add);
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(pages).isEqualTo(5);
    assertThat(seen).extracting(m -> m.get("twilio_sid").asText()).doesNotHaveDuplicates();
    assertThat(seen)
        .extracting(m -> m.get("twilio_sid").asText())
        .containsExactlyInAnyOrderElementsOf(sent);
    List<String> times = seen.stream().map(m -> m.get("created_at").asText()).toList();
    assertThat(times)
        .isSortedAccordingTo(
            (a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
  }

  @Test
  void raw_form_and_media_are_kept_with_the_message() {
    String phone = newPhone();
    String sid = "MM" + newSid().substring(2);
    Map<String, String> form = inboundForm(sid, phone, "");
    form.put("NumMedia", "1");
    form.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1");
    form.put("MediaContentType0", "image/jpeg");
    form.put("FromCity", "JERSEY CITY");

    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);

    String id = conversation(phone).at("/messages/0/id").asText();
    JsonNode message = json(app.get("/messages/" + id));
    assertThat(message.get("num_media").asInt()).isEqualTo(1);
    assertThat(message.at("/media/0/content_type").asText()).isEqualTo("image/jpeg");
    List<String> names = new ArrayList<>();
    message.get("raw_webhook_data").fieldNames().forEachRemaining(names::add);
    // every parameter is kept; PostgreSQL's jsonb does not keep their order
    assertThat(names).containsExactlyInAnyOrderElementsOf(form.keySet());
    assertThat(message.at("/raw_webhook_data/FromCity").asText()).isEqualTo("JERSEY CITY");
  }

  @Test
  void short_code_sender_is_stored_under_its_own_key() {
    HttpResponse<String> response =
        app.webhook("/webhook/twilio/sms", inboundForm(newSid(), "72345", "Your code is 1234"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(conversation("72345").at("/conversation/phone_number_kind").asText())
        .isEqualTo("short_code");
  }

  @Test
  void opt_out_then_opt_in_controls_sending() {
    String phone = newPhone();
    app.inbound(phone, "STOP");

    assertThat(conversation(phone).at("/conversation/opted_out").asBoolean()).isTrue();
    assertError(app.send(phone, "Rent reminder"), 409, "sms.opted_out");

    app.inbound(phone, "START");

    assertThat(conversation(phone).at("/conversation/opted_out").asBoolean()).isFalse();
    assertThat(app.send(phone, "Rent reminder").statusCode()).isEqualTo(202);
  }

  @Test
  void a_form_with_broken_escapes_is_refused_unsigned_and_stored_exactly_when_signed() {
    String sid = newSid();
    String phone = newPhone();
    byte[] body =
        ("MessageSid="
                + sid
                + "&From="
                + encode(phone)
                + "&To=%2B15005550006"
                + "&Body=100%+sure%ZZ+caf%E9+a%00b&X%FF=%")
            .getBytes(StandardCharsets.US_ASCII);
    String url = app.application().publicBaseUrl() + "/webhook/twilio/sms";
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

    HttpResponse<String> unsigned =
        app.call("POST", "/webhook/twilio/sms", body, withSignature(form, "abc"));
    assertError(unsigned, 403, "sms.forbidden");
    HttpResponse<String> signed =
        app.call(
            "POST",
            "/webhook/twilio/sms",
            body,
            withSignature(form, TwilioSignatures.signBody(TestApplication.AUTH_TOKEN, url, body)));

    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    JsonNode message = conversation(phone).at("/messages/0");
    assertThat(message.get("content").asText()).isEqualTo("100% sure%ZZ caf\uFFFD a\uFFFDb");
    assertThat(message.at("/raw_webhook_data").isMissingNode()).isTrue();
    JsonNode stored = json(app.get("/messages/" + message.get("id").asText()));
    assertThat(stored.at("/raw_webhook_data/X\uFFFD").asText()).isEqualTo("%");
  }

  @Test
  void the_longest_name_and_value_a_webhook_can_carry_are_stored_and_read_back() {
    String phone = newPhone();
    Map<String, String> form = inboundForm(newSid(), phone, "a long one");
    // close to the body limit; a name of 50,001 characters made every read of it fail before
    form.put("N".repeat(50_001), "v".repeat(14_000));

    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);

    JsonNode page = conversation(phone);
    String id = page.at("/messages/0/id").asText();
    HttpResponse<String> message = app.get("/messages/" + id);
    assertThat(message.statusCode()).isEqualTo(200);
    assertThat(json(message).at("/raw_webhook_data").get("N".repeat(50_001)).asText())
        .hasSize(14_000);
    assertThat(app.get("/conversations/" + encode(phone) + "?limit=1").statusCode()).isEqualTo(200);
  }

  private static Map<String, String> withSignature(Map<String, String> headers, String signature) {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("X-Twilio-Signature", signature);
    return all;
  }

  @Test
  void webhook_without_required_fields_is_a_400_naming_them() {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("Body", "no sid, no from");

    JsonNode details =
        assertError(app.webhook("/webhook/twilio/sms", form), 400, "sms.validation_error");

    assertThat(details.has("MessageSid")).isTrue();
    assertThat(details.has("From")).isTrue();
  }
}
