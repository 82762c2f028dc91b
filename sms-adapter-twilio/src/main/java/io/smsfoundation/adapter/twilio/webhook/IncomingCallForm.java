package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.ReceiveCall.IncomingCall;

/**
 * The form Twilio posts when a call reaches the number's voice URL, read into what the service
 * uses: {@code CallSid}, {@code From} and {@code To}. Everything else ({@code CallStatus}, {@code
 * Direction}, {@code CallerName}, {@code FromCity}...) is kept in the raw form.
 */
record IncomingCallForm(String callSid, String from, String to) {

  static IncomingCallForm read(RawForm form) throws InvalidForm {
    String sid = form.first("CallSid");
    String from = form.first("From");
    String to = form.first("To");
    new InvalidForm.Problems()
        .require(InboundMessageForm.present(sid), "CallSid", "is required")
        .require(
            sid == null || sid.strip().length() <= ReceiveCall.MAX_PROVIDER_ID_LENGTH,
            "CallSid",
            "is longer than any Twilio SID")
        .require(InboundMessageForm.present(from), "From", "is required")
        .require(InboundMessageForm.present(to), "To", "is required")
        .throwIfAny();
    return new IncomingCallForm(sid.strip(), from.strip(), to.strip());
  }

  IncomingCall toCommand(RawForm form) {
    return new IncomingCall(callSid, from, to, form);
  }
}
