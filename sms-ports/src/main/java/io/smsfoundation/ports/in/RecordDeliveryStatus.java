package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.DeliveryStatus;
import java.util.Map;
import java.util.UUID;

/** Records a delivery-status callback and moves the message's status forward when it may. */
public interface RecordDeliveryStatus {

  StatusOutcome record(StatusCallback callback);

  /**
   * A status callback as Twilio posted it.
   *
   * @param messageId our message id from the callback URL, or {@code null}
   * @param errorCode Twilio's {@code ErrorCode}, or {@code null}
   */
  record StatusCallback(
      UUID messageId,
      String messageSid,
      String status,
      String errorCode,
      Map<String, String> rawForm) {

    public StatusCallback {
      new Validation()
          .require(Validation.present(messageSid), "MessageSid", "is required")
          .require(Validation.present(status), "MessageStatus", "is required")
          .throwIfInvalid();
      messageSid = messageSid.strip();
      errorCode = Validation.present(errorCode) ? errorCode.strip() : null;
      rawForm = rawForm == null ? Map.of() : rawForm;
    }
  }

  /** What a callback did. */
  sealed interface StatusOutcome {

    /** The message's status moved from {@code previous} to {@code current}. */
    record Applied(UUID messageId, DeliveryStatus previous, DeliveryStatus current)
        implements StatusOutcome {}

    /**
     * Recorded in the history (or skipped as a duplicate) without moving the status: late,
     * backward, repeated or unknown.
     */
    record Unchanged(UUID messageId, DeliveryStatus current, boolean duplicate)
        implements StatusOutcome {}

    /** The message is not known yet; the callback is kept and applied when it appears. */
    record Kept(String messageSid) implements StatusOutcome {}
  }
}
