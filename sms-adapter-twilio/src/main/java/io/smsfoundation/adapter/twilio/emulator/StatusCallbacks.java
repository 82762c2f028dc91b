package io.smsfoundation.adapter.twilio.emulator;

import io.smsfoundation.adapter.twilio.TwilioSignatures;
import io.smsfoundation.domain.phone.PhoneMask;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
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
    String url = message.statusCallback();
    Map<String, String> form = form(message);
    String signature = TwilioSignatures.signSingleValued(authToken, url, form);
    String body = encode(form);
    Duration delay = FIRST_RETRY_DELAY;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String failure;
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Twilio-Signature", signature)
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
  static Map<String, String> form(EmulatedMessage message) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", message.accountSid());
    form.put("ApiVersion", TwilioEmulator.API_VERSION);
    form.put("From", message.from() != null ? message.from() : TwilioEmulator.SERVICE_SENDER);
    if (message.messagingServiceSid() != null) {
      form.put("MessagingServiceSid", message.messagingServiceSid());
    }
    form.put("MessageSid", message.sid());
    form.put("MessageStatus", message.status());
    form.put("SmsSid", message.sid());
    form.put("SmsStatus", message.status());
    form.put("To", message.to());
    if (message.errorCode() != null) {
      form.put("ErrorCode", message.errorCode().toString());
    }
    return form;
  }

  static String encode(Map<String, String> form) {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
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
