package io.smsfoundation.ports.out;

import io.smsfoundation.domain.message.DeliveryStatus;
import java.time.Duration;
import java.util.Objects;

/** What became of one attempt to hand a message to the SMS provider. */
public sealed interface SendOutcome {

  /** The provider accepted the message. */
  record Sent(String twilioSid, DeliveryStatus status) implements SendOutcome {
    public Sent {
      Objects.requireNonNull(twilioSid, "twilioSid");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The provider refused the message for good.
   *
   * @param recipientOptedOut whether the refusal says the recipient unsubscribed
   */
  record Rejected(String errorCode, String errorMessage, boolean recipientOptedOut)
      implements SendOutcome {}

  /**
   * The request never reached the provider or was throttled: safe to send again later.
   *
   * @param retryAfter how long the provider asked us to wait, or {@code null}
   */
  record RetryLater(String reason, Duration retryAfter) implements SendOutcome {}

  /**
   * The request may have reached the provider (5xx, or a timeout after sending): never send it
   * again blindly; a status callback or a lookup settles it.
   */
  record Unknown(String reason) implements SendOutcome {}
}
