package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.RecordCallStatus;
import io.smsfoundation.ports.in.RecordCallStatus.CallReport;
import java.util.Locale;
import java.util.UUID;

/**
 * The forms Twilio posts about a call's progress, read into one report: the {@code <Dial>} {@code
 * action} ({@code DialCallStatus}, {@code DialCallDuration}) and the call's {@code StatusCallback}
 * ({@code CallStatus}, {@code CallDuration}). A dial that ends {@code answered} ended with the
 * dialer having taken the call: it is reported as {@code completed}.
 *
 * @param callId our call id from the callback URL's {@code call_id}, or {@code null}
 */
record CallStatusForm(UUID callId, String callSid, String status, Integer durationSeconds) {

  static CallStatusForm read(RawForm form, RawForm query) throws InvalidForm {
    String sid = form.first("CallSid");
    boolean dial = InboundMessageForm.present(form.first("DialCallStatus"));
    String status = dial ? form.first("DialCallStatus") : form.first("CallStatus");
    String duration = dial ? form.first("DialCallDuration") : form.first("CallDuration");
    String callIdText = query.first("call_id");
    UUID callId = uuid(callIdText);
    new InvalidForm.Problems()
        .require(
            InboundMessageForm.present(sid) || callId != null,
            "CallSid",
            "is required (or call_id in the URL)")
        .require(
            sid == null || sid.strip().length() <= ReceiveCall.MAX_PROVIDER_ID_LENGTH,
            "CallSid",
            "is longer than any Twilio SID")
        .require(
            InboundMessageForm.present(status), "CallStatus", "is required (or DialCallStatus)")
        .require(
            status == null || status.strip().length() <= RecordCallStatus.MAX_STATUS_LENGTH,
            "CallStatus",
            "is longer than any status word")
        .require(
            callIdText == null || callIdText.isBlank() || callId != null,
            "call_id",
            "is not a UUID")
        .throwIfAny();
    String word = status.strip().toLowerCase(Locale.ROOT);
    return new CallStatusForm(
        callId,
        InboundMessageForm.present(sid) ? sid.strip() : null,
        word.equals("answered") ? "completed" : word,
        InboundMessageForm.count(duration, 0));
  }

  CallReport toCommand(RawForm form) {
    return new CallReport(callId, callSid, status, durationSeconds, form);
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
