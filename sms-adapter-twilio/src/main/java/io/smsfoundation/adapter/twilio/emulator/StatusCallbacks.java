package io.smsfoundation.adapter.twilio.emulator;

import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms.SignedWebhook;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.phone.PhoneMask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts signed status callbacks as Twilio does: a form to the message's {@code StatusCallback},
 * signed with the account's auth token. A callback that fails is tried again a couple of times,
 * then given up with a log line that holds neither the body nor a full number.
 */
final class StatusCallbacks implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StatusCallbacks.class);
  private static final int ATTEMPTS = 3;
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);

  /** Twilio waits 15 s for a webhook answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String authToken;
  private final HttpClient http;

  StatusCallbacks(String authToken) {
    this.authToken = authToken;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Posts one callback, retrying failures; returns whether it was acknowledged with a 2xx. Blocks,
   * so it is called from the message's own (virtual) thread.
   */
  boolean post(EmulatedMessage message) throws InterruptedException {
    SignedWebhook webhook =
        TwilioWebhookForms.sign(authToken, message.statusCallback(), form(message));
    String url = webhook.url();
    String signature = webhook.signature();
    String body = webhook.body();
    Duration delay = FIRST_RETRY_DELAY;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String failure;
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header(SignedWebhook.SIGNATURE_HEADER, signature)
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          return true;
        }
        failure = "HTTP " + status;
      } catch (IOException | IllegalArgumentException e) {
        failure = e.getClass().getSimpleName();
      }
      log.warn(
          "emulator status callback failed sid={} status={} to={} target={} attempt={}/{} cause={}",
          message.sid(),
          message.status(),
          PhoneMask.mask(message.to()),
          withoutQuery(url),
          attempt,
          ATTEMPTS,
          failure);
      if (attempt < ATTEMPTS) {
        Thread.sleep(delay.toMillis());
        delay = delay.multipliedBy(4);
      }
    }
    return false;
  }

  /** The form Twilio posts for a status change of an outbound message. */
  static RawForm form(EmulatedMessage message) {
    return TwilioWebhookForms.statusCallback(
        message.accountSid(),
        message.sid(),
        message.status(),
        message.from() != null ? message.from() : TwilioEmulator.SERVICE_SENDER,
        message.to(),
        message.messagingServiceSid(),
        message.errorCode() == null ? null : message.errorCode().toString());
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public void close() {
    http.close();
  }
}
