package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.emulator.EmulatedMessage;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends whose outcome is unknown (Twilio answered 500), settled through the real service from the
 * emulator's message list, with checks a second apart instead of minutes.
 */
class SettleUnknownSendEndToEndTest {

  private TwilioEmulator twilio;
  private TestApplication app;

  @BeforeEach
  void start() {
    twilio = TwilioEmulator.builder().start();
    app =
        TestApplication.start(
            Map.of(
                AppConfig.TWILIO_API_BASE_URL, twilio.baseUrl(),
                AppConfig.TWILIO_ACCOUNT_SID, twilio.accountSid(),
                AppConfig.TWILIO_AUTH_TOKEN, twilio.authToken(),
                AppConfig.SMS_UNKNOWN_SEND_FIRST_CHECK, "1s",
                AppConfig.SMS_UNKNOWN_SEND_SECOND_CHECK, "1s"));
  }

  @AfterEach
  void stop() {
    try {
      app.close();
    } finally {
      twilio.close();
    }
  }

  private String send(String to, String body) {
    HttpResponse<String> accepted = app.send(to, body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json(accepted).get("message_id").asText();
  }

  private JsonNode messageWhen(String id, String status) {
    return eventually(
        () -> json(app.get("/messages/" + id)),
        m -> m.get("delivery_status").asText().equals(status));
  }

  private static List<String> history(JsonNode message) {
    List<String> statuses = new ArrayList<>();
    message.get("status_history").forEach(event -> statuses.add(event.get("status").asText()));
    return statuses;
  }

  @Test
  void a_message_twilio_created_behind_a_500_is_adopted_from_the_list_and_not_sent_twice() {
    // created and delivered by Twilio, but answered 500 and never reported by a status callback
    String to = TwilioEmulator.SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS;

    String id = send(to, "The plumber comes at 9 tomorrow.");

    JsonNode settled =
        eventually(
            () -> json(app.get("/messages/" + id)),
            m -> m.hasNonNull("twilio_sid") && !m.get("twilio_sid").asText().isEmpty());
    List<EmulatedMessage> created = twilio.createdMessagesTo(to);
    assertThat(created).hasSize(1);
    assertThat(settled.get("twilio_sid").asText()).isEqualTo(created.getFirst().sid());
    assertThat(settled.get("delivery_status").asText()).isIn("sent", "delivered");
    assertThat(history(settled)).startsWith("settle_adopted");
    assertThat(twilio.createRequests()).isEqualTo(1);
  }

  @Test
  void a_message_twilio_never_created_is_sent_again_once_after_two_checks() {
    // the first request is answered 500 and creates nothing; the next one is accepted
    String to = TwilioEmulator.SERVER_ERROR_ONCE_BEFORE_CREATE;

    String id = send(to, "Your new keys are at the office.");

    JsonNode delivered = messageWhen(id, "delivered");
    List<EmulatedMessage> created = twilio.createdMessagesTo(to);
    assertThat(created).hasSize(1);
    assertThat(delivered.get("twilio_sid").asText()).isEqualTo(created.getFirst().sid());
    assertThat(history(delivered))
        .containsSubsequence("settle_not_found", "settle_resent", "sent", "delivered");
    assertThat(twilio.createRequests()).isEqualTo(2);
  }
}
