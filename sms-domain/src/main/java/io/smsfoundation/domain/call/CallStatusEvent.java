package io.smsfoundation.domain.call;

import io.smsfoundation.domain.message.RawForm;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a call's status history: a status the service set, or one a callback reported
 * (whether or not it moved the call), with the callback's form.
 *
 * @param durationSeconds the duration the report carried, or {@code null}
 * @param rawWebhookData the callback's form; empty for the statuses the service set itself
 */
public record CallStatusEvent(
    UUID id,
    UUID callId,
    CallStatus status,
    Integer durationSeconds,
    RawForm rawWebhookData,
    Instant createdAt) {

  public CallStatusEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    rawWebhookData = rawWebhookData == null ? RawForm.empty() : rawWebhookData;
  }
}
