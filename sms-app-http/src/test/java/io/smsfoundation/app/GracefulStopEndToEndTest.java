package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the service lets a request in flight finish instead of cutting it off. */
class GracefulStopEndToEndTest {

  @Test
  void stop_lets_a_request_in_flight_finish() throws Exception {
    try (TwilioEmulator twilio =
        TwilioEmulator.builder().slowAnswerDelay(Duration.ofSeconds(1)).start()) {
      TestApplication app =
          TestApplication.start(
              Map.of(
                  AppConfig.TWILIO_API_BASE_URL, twilio.baseUrl(),
                  AppConfig.TWILIO_ACCOUNT_SID, twilio.accountSid(),
                  AppConfig.TWILIO_AUTH_TOKEN, twilio.authToken()));
      try {
        CompletableFuture<HttpResponse<String>> inFlight =
            CompletableFuture.supplyAsync(
                () -> app.send(TwilioEmulator.SLOW_ANSWER, "sent while the service stops"));
        // the send job has called Twilio: the request is now waiting for it inside the service
        eventually(twilio::createRequests, count -> count > 0);

        app.stop();

        HttpResponse<String> response = inFlight.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("message_id").asText()).isNotBlank();
      } finally {
        app.stop();
      }
    }
  }
}
