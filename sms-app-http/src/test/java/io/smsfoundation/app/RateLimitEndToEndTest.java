package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-key send rate limit, with two keys and a rate of three sends a minute. */
class RateLimitEndToEndTest {

  private static final String OTHER_KEY = "other-api-key-0123456789abcdef";

  private static TestApplication app;

  @BeforeAll
  static void start() {
    app =
        TestApplication.start(
            Map.of(
                AppConfig.SMS_SEND_RATE_PER_MINUTE,
                "3",
                AppConfig.SMS_API_KEYS,
                TestApplication.API_KEY + "," + OTHER_KEY));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void sends_over_the_rate_get_429_with_retry_after_and_other_keys_are_unaffected() {
    for (int i = 0; i < 3; i++) {
      assertThat(app.send("+12015554000", "message " + i).statusCode()).isEqualTo(202);
    }

    HttpResponse<String> limited = app.send("+12015554000", "one too many");

    JsonNode details = assertError(limited, 429, "sms.rate_limited");
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    assertThat(details.get("retry_after_seconds").asInt()).isPositive();
    HttpResponse<String> other =
        app.call(
            "POST",
            "/sms/send",
            "{\"to\":\"+12015554000\",\"body\":\"from another caller\"}",
            Map.of("Authorization", "Bearer " + OTHER_KEY, "Content-Type", "application/json"));
    assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
  }
}
