package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusReport;
import java.util.UUID;

/**
 * The form Twilio posts when an outbound message changes status, read into what the service uses.
 * The SID is {@code MessageSid} (else {@code SmsSid}), the status {@code MessageStatus} (else the
 * older {@code SmsStatus}); {@code ErrorCode} 21610 means the recipient unsubscribed.
 *
 * @param messageId our message id from the callback URL's {@code message_id}, or {@code null}
 */
record StatusCallbackForm(UUID messageId, String messageSid, String status, String errorCode) {

  /** Twilio's error code for a recipient who replied STOP. */
  static final String UNSUBSCRIBED = "21610";

  /**
   * @param query the callback URL's query string, where the service put {@code message_id}
   */
  static StatusCallbackForm read(RawForm form, RawForm query) throws InvalidForm {
    String sid = InboundMessageForm.firstPresent(form, "MessageSid", "SmsSid");
    String status = InboundMessageForm.firstPresent(form, "MessageStatus", "SmsStatus");
    String messageId = query.first("message_id");
    UUID id = uuid(messageId);
    new InvalidForm.Problems()
        .require(sid != null, "MessageSid", "is required")
        .require(
            sid == null || sid.strip().length() <= RecordDeliveryStatus.MAX_PROVIDER_ID_LENGTH,
            "MessageSid",
            "is longer than any Twilio SID")
        .require(status != null, "MessageStatus", "is required (or SmsStatus)")
        .require(
            status == null || status.strip().length() <= RecordDeliveryStatus.MAX_STATUS_LENGTH,
            "MessageStatus",
            "is longer than any status word")
        .require(
            messageId == null || messageId.isBlank() || id != null, "message_id", "is not a UUID")
        .throwIfAny();
    String errorCode = form.first("ErrorCode");
    return new StatusCallbackForm(
        id,
        sid.strip(),
        status.strip(),
        InboundMessageForm.present(errorCode) ? errorCode.strip() : null);
  }

  StatusReport toCommand(RawForm form) {
    return new StatusReport(
        messageId, messageSid, status, errorCode, UNSUBSCRIBED.equals(errorCode), form);
  }

  private static UUID uuid(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
