package io.smsfoundation.ports.out;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts one webhook delivery: never follows a redirect, gives up after the timeout. Implementations
 * are thread-safe and never throw for what the receiver does.
 */
public interface WebhookSender {

  /** How long a receiver has to answer. */
  Duration TIMEOUT = Duration.ofSeconds(15);

  SendAttempt post(WebhookPost post);

  /**
   * One post of one delivery.
   *
   * @param subscriptionId whose delivery this is, for metrics and logs
   */
  record WebhookPost(String subscriptionId, URI url, Map<String, String> headers, byte[] body) {

    public WebhookPost {
      java.util.Objects.requireNonNull(subscriptionId, "subscriptionId");
      java.util.Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
      java.util.Objects.requireNonNull(body, "body");
    }
  }

  /** What one attempt got. */
  sealed interface SendAttempt {

    Duration latency();

    /** The receiver answered with {@code status}; 2xx means delivered. */
    record Answered(int status, Duration latency) implements SendAttempt {
      public boolean accepted() {
        return status >= 200 && status < 300;
      }
    }

    /** No answer: refused, reset, timed out. {@code reason} holds no payload. */
    record NoAnswer(String reason, Duration latency) implements SendAttempt {}
  }
}
