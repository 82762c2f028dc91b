package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.JSON;
import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.emulator.EmulatedMessage;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Picture messages (MMS) and prices over real HTTP: {@code media_urls} on {@code POST /sms/send}
 * reach the Twilio emulator, and the price the status job fetches once a message settled shows on
 * the message.
 */
class MmsEndToEndTest {

  private static final List<String> PICTURES =
      List.of("https://cdn.example.com/flyer.png", "https://cdn.example.com/leak.jpg?size=large");

  private static TwilioEmulator twilio;
  private static TestApplication app;
  private static int nextNumber = 8200;

  @BeforeAll
  static void start() {
    twilio = TwilioEmulator.builder().authToken(TestApplication.AUTH_TOKEN).start();
    app =
        TestApplication.start(
            Map.of(
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "TWILIO_ACCOUNT_SID", twilio.accountSid()));
  }

  @AfterAll
  static void stop() {
    try {
      app.close();
    } finally {
      twilio.close();
    }
  }

  private static synchronized String newPhone() {
    return "+1201555" + nextNumber++;
  }

  private static HttpResponse<String> sendJson(Map<String, Object> request) {
    return app.postJson("/sms/send", JSON.valueToTree(request).toString());
  }

  private static JsonNode settled(String id) {
    return eventually(() -> json(app.get("/messages/" + id)), m -> !m.get("price").isNull());
  }

  @Test
  void a_picture_message_reaches_the_emulator_with_its_media_and_shows_in_the_conversation() {
    String phone = newPhone();

    HttpResponse<String> response = sendJson(Map.of("to", phone, "media_urls", PICTURES));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String id = json(response).get("message_id").asText();
    EmulatedMessage created =
        eventually(() -> twilio.createdMessagesTo(phone), list -> !list.isEmpty()).getFirst();
    assertThat(created.mediaUrls()).containsExactlyElementsOf(PICTURES);
    assertThat(created.body()).isEmpty();
    assertThat(created.isMms()).isTrue();
    JsonNode shown =
        eventually(
                () -> json(app.get("/conversations/" + encode(phone))),
                page -> page.get("messages").size() == 1)
            .get("messages")
            .get(0);
    assertThat(shown.get("id").asText()).isEqualTo(id);
    assertThat(shown.get("num_media").asInt()).isEqualTo(2);
    assertThat(shown.get("media"))
        .extracting(m -> m.get("url").asText())
        .containsExactlyElementsOf(PICTURES);
    assertThat(shown.get("content").asText()).isEmpty();
    JsonNode message = settled(id);
    assertThat(message.get("media"))
        .extracting(m -> m.get("url").asText())
        .containsExactlyElementsOf(PICTURES);
    assertThat(message.get("price").decimalValue()).isEqualByComparingTo("-0.02000");
  }

  @Test
  void a_text_with_a_picture_keeps_both() {
    String phone = newPhone();

    HttpResponse<String> response =
        sendJson(
            Map.of(
                "to",
                phone,
                "body",
                "The flyer for Saturday",
                "media_urls",
                PICTURES.subList(0, 1)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    EmulatedMessage created =
        eventually(() -> twilio.createdMessagesTo(phone), list -> !list.isEmpty()).getFirst();
    assertThat(created.body()).isEqualTo("The flyer for Saturday");
    assertThat(created.mediaUrls()).containsExactly(PICTURES.getFirst());
  }

  @Test
  void the_price_the_status_job_fetches_appears_on_the_message() {
    HttpResponse<String> response = app.send(newPhone(), "Your repair is booked for Tuesday.");
    String id = json(response).get("message_id").asText();

    JsonNode message = settled(id);

    assertThat(message.get("delivery_status").asText()).isEqualTo("delivered");
    assertThat(message.get("price").decimalValue()).isEqualByComparingTo("-0.00790");
    assertThat(message.get("price_unit").asText()).isEqualTo("USD");
    assertThat(message.get("processing_ms").asLong()).isNotNegative();
    EmulatedMessage atTwilio = twilio.message(message.get("twilio_sid").asText()).orElseThrow();
    assertThat(atTwilio.price()).isEqualByComparingTo(message.get("price").decimalValue());
  }

  @Test
  void bad_media_urls_are_refused_and_nothing_is_sent() {
    List<String> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add("https://cdn.example.com/" + i + ".png");
    }
    List<Object> refused =
        List.of(
            List.of("http://cdn.example.com/flyer.png"),
            List.of("/flyer.png"),
            List.of("https://"),
            List.of("not a url"),
            eleven,
            "https://cdn.example.com/flyer.png",
            List.of(42));
    int before = twilio.createRequests();
    for (Object media : refused) {
      String phone = newPhone();
      JsonNode details =
          assertError(
              sendJson(Map.of("to", phone, "media_urls", media)), 400, "sms.validation_error");
      assertThat(details.path("media_urls").asText()).as(String.valueOf(media)).isNotBlank();
      assertError(app.get("/conversations/" + encode(phone)), 404, "sms.not_found");
    }
    String phone = newPhone();
    JsonNode details =
        assertError(
            sendJson(Map.of("to", phone, "media_urls", List.of())), 400, "sms.validation_error");
    assertThat(details.path("body").asText()).isNotBlank();
    assertThat(twilio.createRequests()).isEqualTo(before);
  }
}
