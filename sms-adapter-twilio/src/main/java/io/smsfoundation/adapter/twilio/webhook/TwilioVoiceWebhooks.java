package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.phone.PhoneMask;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.ReceiveCall.CallOutcome;
import io.smsfoundation.ports.in.RecordCallStatus;
import io.smsfoundation.ports.in.RecordCallStatus.CallStatusOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The voice webhooks, each a {@link TwilioWebhook} verified exactly like the SMS ones: {@link
 * #incomingCall()} for the number's voice URL ({@code POST /webhook/twilio/voice}), answered with
 * the TwiML the call's route asks for, and {@link #callStatus()} for the dial's {@code action} and
 * the call's {@code StatusCallback} ({@code POST /webhook/twilio/voice/status}), answered with an
 * empty {@code <Response/>}. A call's answer is written only after its record is committed; once
 * written, the time it took is recorded on the call and one log line tells the whole decision.
 * Thread-safe.
 */
public final class TwilioVoiceWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioVoiceWebhooks.class);

  private final TwilioRequestValidator validator;
  private final ReceiveCall receiveCall;
  private final RecordCallStatus recordCallStatus;
  private final String publicBaseUrl;

  /**
   * @param publicBaseUrl the URL under which Twilio reaches the service, for the dial's {@code
   *     action}; a trailing slash is ignored
   */
  public TwilioVoiceWebhooks(
      TwilioRequestValidator validator,
      ReceiveCall receiveCall,
      RecordCallStatus recordCallStatus,
      URI publicBaseUrl) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.receiveCall = Objects.requireNonNull(receiveCall, "receiveCall");
    this.recordCallStatus = Objects.requireNonNull(recordCallStatus, "recordCallStatus");
    String base = publicBaseUrl.toString();
    this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** An incoming call: kept once per CallSid, answered with its route's TwiML. */
  public TwilioWebhook incomingCall() {
    return request -> TwilioWebhooks.verified(validator, request, this::receive);
  }

  /** A dial's end or a call's status change: recorded forward only, answered with empty TwiML. */
  public TwilioWebhook callStatus() {
    return request -> TwilioWebhooks.verified(validator, request, this::recordStatus);
  }

  private WebhookResult receive(WebhookRequest request, RawForm form) throws InvalidForm {
    IncomingCallForm incoming = IncomingCallForm.read(form);
    CallOutcome outcome = receiveCall.receive(incoming.toCommand(form));
    Call call = outcome.call();
    byte[] twiml = VoiceTwiMl.render(VoiceTwiMl.answer(call, publicBaseUrl));
    Map<String, String> about = about(call);
    String requestId = MDC.get("request_id");
    return switch (outcome) {
      case CallOutcome.Accepted accepted ->
          new WebhookResult.Answered(
              twiml,
              "accepted",
              about,
              () -> written(accepted, request.receivedNanos(), requestId));
      case CallOutcome.Duplicate duplicate -> new WebhookResult.Answered(twiml, "duplicate", about);
    };
  }

  /** Records how long the answer took and logs the call's routing in one line. */
  private void written(CallOutcome.Accepted accepted, long receivedNanos, String requestId) {
    Duration took = Duration.ofNanos(System.nanoTime() - receivedNanos);
    Call call = accepted.call();
    try {
      receiveCall.answered(call.id(), took);
    } finally {
      LOG.atInfo()
          .addKeyValue("request_id", requestId)
          .addKeyValue(WebhookResult.CALL_ID, call.id().toString())
          .addKeyValue(WebhookResult.TWILIO_SID, call.callSid())
          .addKeyValue(WebhookResult.CONVERSATION_ID, call.conversationId().toString())
          .addKeyValue("tenant_id", call.tenantId())
          .addKeyValue("from", PhoneMask.mask(call.from()))
          .addKeyValue("received", call.receivedAt().toString())
          .addKeyValue("decided", accepted.decision())
          .addKeyValue("dialer", call.routedDialer() == null ? "none" : call.routedDialer())
          .addKeyValue("routed_to", PhoneMask.mask(call.routedTo()))
          .addKeyValue("status", call.status().code())
          .addKeyValue("response_time_ms", took.toMillis())
          .log(
              "call answered sid={} from={} decided={} dialer={} response_time_ms={}",
              call.callSid(),
              PhoneMask.mask(call.from()),
              accepted.decision(),
              call.routedDialer() == null ? "none" : call.routedDialer(),
              took.toMillis());
    }
  }

  private WebhookResult recordStatus(WebhookRequest request, RawForm form) throws InvalidForm {
    RawForm query = FormCodec.read(request.rawQuery()).form();
    CallStatusForm report = CallStatusForm.read(form, query);
    Map<String, String> about = new HashMap<>();
    String word =
        switch (recordCallStatus.record(report.toCommand(form))) {
          case CallStatusOutcome.Applied applied -> {
            about.putAll(about(applied.call()));
            yield "status " + applied.previous() + " -> " + applied.call().status();
          }
          case CallStatusOutcome.Unchanged unchanged -> {
            about.putAll(about(unchanged.call()));
            yield "unchanged " + unchanged.call().status();
          }
          case CallStatusOutcome.UnknownCall unknown -> "unknown_call";
          case CallStatusOutcome.Mismatched mismatched -> {
            about.putAll(about(mismatched.call()));
            yield "mismatched";
          }
        };
    return new WebhookResult.Answered(VoiceTwiMl.EMPTY, word, about);
  }

  private static Map<String, String> about(Call call) {
    Map<String, String> about = new HashMap<>();
    about.put(WebhookResult.CALL_ID, call.id().toString());
    about.put(WebhookResult.TWILIO_SID, call.callSid());
    about.put(WebhookResult.CONVERSATION_ID, call.conversationId().toString());
    return about;
  }
}
