package io.smsfoundation.domain.message;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One delivery-status callback as it arrived, kept in the message's history. A callback for a
 * message the service does not know yet has no {@code messageId}; it is attached when the message's
 * SID appears.
 *
 * @param errorCode the provider's error code, or {@code null}
 * @param recipientOptedOut whether the provider said the recipient unsubscribed
 */
public record StatusEvent(
    UUID id,
    UUID messageId,
    String twilioSid,
    DeliveryStatus status,
    String errorCode,
    boolean recipientOptedOut,
    RawForm rawWebhookData,
    Instant createdAt) {

  public StatusEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    rawWebhookData = rawWebhookData == null ? RawForm.empty() : rawWebhookData;
    twilioSid = StorableText.of(twilioSid);
    errorCode = StorableText.of(errorCode);
    if (messageId == null && twilioSid == null) {
      throw new IllegalArgumentException("a status event needs a message id or a SID");
    }
  }

  /** This event, attached to the message it turned out to be about. */
  public StatusEvent attachedTo(UUID message) {
    return new StatusEvent(
        id, message, twilioSid, status, errorCode, recipientOptedOut, rawWebhookData, createdAt);
  }
}
