package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StorableText;
import java.util.UUID;

/** Records a delivery-status report and moves the message's status forward when it may. */
public interface RecordDeliveryStatus {

  /** Longest provider message id accepted. */
  int MAX_PROVIDER_ID_LENGTH = ReceiveInboundSms.MAX_PROVIDER_ID_LENGTH;

  /** Longest status word accepted: providers name statuses with one short word. */
  int MAX_STATUS_LENGTH = 64;

  StatusOutcome record(StatusReport report);

  /**
   * A delivery status the provider reported, in the service's own words.
   *
   * @param messageId our message id, when the provider echoed it back (in the callback URL), or
   *     {@code null}
   * @param providerMessageId the provider's id of the message
   * @param status the status as the provider named it; unknown words are kept, never refused
   * @param errorCode the provider's error code, or {@code null}
   * @param recipientOptedOut whether the provider says the recipient unsubscribed
   * @param rawForm the webhook exactly as posted, kept in the status history
   */
  record StatusReport(
      UUID messageId,
      String providerMessageId,
      String status,
      String errorCode,
      boolean recipientOptedOut,
      RawForm rawForm) {

    public StatusReport {
      new Validation()
          .require(Validation.present(providerMessageId), "providerMessageId", "is required")
          .require(
              providerMessageId == null
                  || providerMessageId.strip().length() <= MAX_PROVIDER_ID_LENGTH,
              "providerMessageId",
              "must be at most " + MAX_PROVIDER_ID_LENGTH + " characters")
          .require(Validation.present(status), "status", "is required")
          .require(
              status == null || status.strip().length() <= MAX_STATUS_LENGTH,
              "status",
              "must be at most " + MAX_STATUS_LENGTH + " characters")
          .throwIfInvalid();
      // what the provider sent is kept whatever it holds: as storable text
      providerMessageId = StorableText.of(providerMessageId.strip());
      status = StorableText.of(status.strip());
      errorCode = Validation.present(errorCode) ? StorableText.of(errorCode.strip()) : null;
      rawForm = rawForm == null ? RawForm.empty() : rawForm;
    }

    /** A bare report of {@code status} for a provider message id. */
    public static StatusReport of(UUID messageId, String providerMessageId, String status) {
      return new StatusReport(messageId, providerMessageId, status, null, false, RawForm.empty());
    }
  }

  /** What a report did. */
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

    /**
     * The report names an inbound message, which has no delivery lifecycle: it is kept in the
     * history and changes nothing.
     */
    record NotOutbound(UUID messageId) implements StatusOutcome {}

    /** The message is not known yet; the report is kept and applied when it appears. */
    record Kept(String providerMessageId) implements StatusOutcome {}

    /**
     * Our message id and the provider's id name different messages: the report is kept apart, for
     * an operator to look at, and changes neither message.
     *
     * @param messageId the message our id names
     * @param providerMessageId the provider's id the report carried, which is not that message's
     */
    record Conflicting(UUID messageId, String providerMessageId) implements StatusOutcome {}
  }
}
