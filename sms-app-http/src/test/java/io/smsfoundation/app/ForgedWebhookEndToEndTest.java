package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged webhooks over real HTTP behind a trusted proxy (the test client on loopback), the client
 * address taken from {@code X-Forwarded-For}: one address that keeps sending bad signatures is
 * refused with 429 before its requests are read; other addresses, and Twilio's valid webhooks from
 * them, are not.
 */
class ForgedWebhookEndToEndTest {

  private static final String FORGER = "203.0.113.7";
  private static final String TWILIO = "198.51.100.9";

  private static TestApplication app;

  @BeforeAll
  static void start() {
    app =
        TestApplication.start(
            Map.of(
                AppConfig.TRUSTED_PROXIES, "127.0.0.0/8, ::1",
                AppConfig.SMS_INVALID_SIGNATURES_PER_MINUTE, "30"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> post(
      String forwardedFor, Map<String, String> form, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("X-Forwarded-For", forwardedFor);
    if (signature != null) {
      headers.put("X-Twilio-Signature", signature);
    }
    return app.call("POST", "/webhook/twilio/sms", TestApplication.formBody(form), headers);
  }

  private static String signature(Map<String, String> form) {
    return TwilioSignatures.signSingleValued(
        TestApplication.AUTH_TOKEN,
        app.application().publicBaseUrl() + "/webhook/twilio/sms",
        form);
  }

  @Test
  void forty_forged_webhooks_from_one_address_end_in_429_while_a_valid_one_elsewhere_gets_200() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, String> form = inboundForm(newSid(), "+12015557100", "forged " + i);
      // a forger may prepend what it likes; the proxy appends the address it saw
      statuses.add(post("10.9.9." + i + ", " + FORGER, form, "bm90IGEgc2lnbmF0dXJl").statusCode());
    }

    assertThat(statuses.subList(0, 31)).containsOnly(403);
    assertThat(statuses.subList(31, 40)).containsOnly(429);
    Map<String, String> valid = inboundForm(newSid(), "+12015557101", "hello from a tenant");
    assertThat(post(TWILIO, valid, signature(valid)).statusCode()).isEqualTo(200);
    Map<String, String> alsoValid = inboundForm(newSid(), "+12015557102", "refused unread");
    HttpResponse<String> refused = post(FORGER, alsoValid, signature(alsoValid));
    JsonNode details = assertError(refused, 429, "sms.rate_limited");
    assertThat(details.get("retry_after_seconds").asInt()).isBetween(1, 60);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(app.get("/conversations/2015557100").statusCode()).isEqualTo(404);
    assertThat(app.get("/conversations/2015557101").statusCode()).isEqualTo(200);
    assertThat(app.get("/conversations/2015557102").statusCode()).isEqualTo(404);
  }
}
