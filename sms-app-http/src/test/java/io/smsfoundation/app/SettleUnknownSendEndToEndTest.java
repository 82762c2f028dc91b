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
import org.junit.jupiter.api.Test;

/**
 * Twilio creates a message but answers 500 and never posts a status callback for it: the service
 * settles the unknown send from Twilio's message list and adopts the message, without sending it a
 * second time.
 */
class SettleUnknownSendEndToEndTest {

  @Test
  void a_message_twilio_created_behind_a_500_is_adopted_from_the_list_and_not_sent_twice() {
    try (TwilioEmulator twilio = TwilioEmulator.builder().start();
        TestApplication app =
            TestApplication.start(
                Map.of(
                    AppConfig.TWILIO_API_BASE_URL, twilio.baseUrl(),
                    AppConfig.TWILIO_ACCOUNT_SID, twilio.accountSid(),
                    AppConfig.TWILIO_AUTH_TOKEN, twilio.authToken(),
                    AppConfig.SMS_UNKNOWN_SEND_FIRST_CHECK, "1s",
                    AppConfig.SMS_UNKNOWN_SEND_SECOND_CHECK, "1s"))) {
      String to = TwilioEmulator.SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS;

      HttpResponse<String> accepted = app.send(to, "The plumber comes at 9 tomorrow.");

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String id = json(accepted).get("message_id").asText();
      JsonNode settled =
          eventually(
              () -> json(app.get("/messages/" + id)),
              m -> m.hasNonNull("twilio_sid") && !m.get("twilio_sid").asText().isEmpty());
      List<EmulatedMessage> created = twilio.createdMessagesTo(to);
      assertThat(created).hasSize(1);
      assertThat(settled.get("twilio_sid").asText()).isEqualTo(created.getFirst().sid());
      assertThat(settled.get("delivery_status").asText()).isIn("sent", "delivered");
      List<String> history = new ArrayList<>();
      settled.get("status_history").forEach(event -> history.add(event.get("status").asText()));
      assertThat(history).startsWith("settle_adopted");
      assertThat(twilio.createRequests()).isEqualTo(1);
    }
  }
}
