package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.MessageSid;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Twilio webhooks the service answers, each a {@link TwilioWebhook}: {@link #inboundSms()} for
 * {@code POST /webhook/twilio/sms} and {@link #statusCallback()} for {@code POST
 * /webhook/twilio/status}. Every one first checks the signature (nothing is parsed for a request
 * without one), reads the form, and only then calls its use case; a message is acknowledged (200)
 * only once the use case has stored it. Thread-safe.
 */
public final class TwilioWebhooks {

  /** The outcome word of a webhook refused for its signature. */
  public static final String INVALID_SIGNATURE = "invalid_signature";

  /** The outcome word of a webhook refused for its form. */
  public static final String INVALID_FORM = "invalid";

  private static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private final TwilioRequestValidator validator;
  private final ReceiveInboundSms receiveInbound;
  private final RecordDeliveryStatus recordDeliveryStatus;
  private final Function<UUID, URI> replyStatusCallback;

  /**
   * @param replyStatusCallback where Twilio reports the delivery statuses of a reply, by the
   *     reply's message id (the same URL as the status callback of a send)
   */
  public TwilioWebhooks(
      TwilioRequestValidator validator,
      ReceiveInboundSms receiveInbound,
      RecordDeliveryStatus recordDeliveryStatus,
      Function<UUID, URI> replyStatusCallback) {
    this.replyStatusCallback = Objects.requireNonNull(replyStatusCallback, "replyStatusCallback");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.receiveInbound = Objects.requireNonNull(receiveInbound, "receiveInbound");
    this.recordDeliveryStatus =
        Objects.requireNonNull(recordDeliveryStatus, "recordDeliveryStatus");
  }

  /**
   * An incoming message: stored exactly once per SID, answered with TwiML holding the service's
   * replies (empty TwiML when there are none); a repeated webhook gets the same replies.
   */
  public TwilioWebhook inboundSms() {
    return request -> signed(request, this::receive);
  }

  /** A status callback of an outbound message: recorded, answered with empty TwiML. */
  public TwilioWebhook statusCallback() {
    return request -> signed(request, this::recordStatus);
  }

  /** A handler of a verified form. */
  @FunctionalInterface
  interface FormHandler {
    WebhookResult handle(WebhookRequest request, RawForm form) throws InvalidForm;
  }

  /**
   * Checks that a signature is there (before the body is read), reads the form, verifies the
   * signature, then hands the form on with the exact body; refusals come back as values. Any body
   * is a form: whatever bytes a signed webhook holds, it is handed on (see {@link FormCodec}).
   */
  private WebhookResult signed(WebhookRequest request, FormHandler handler) {
    return verified(validator, request, handler);
  }

  /** {@link #signed} with another validator's checks, for the other webhooks of this package. */
  static WebhookResult verified(
      TwilioRequestValidator validator, WebhookRequest request, FormHandler handler) {
    String signature = request.header(SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      return forbidden("The X-Twilio-Signature header is missing");
    }
    byte[] body = request.body();
    FormCodec.ParsedForm parsed = FormCodec.read(body);
    if (!validator.isValid(request.url(), parsed, signature)) {
      return forbidden("The Twilio signature does not match this request");
    }
    try {
      return handler.handle(request, parsed.form().withBody(body));
    } catch (InvalidForm incomplete) {
      return invalid("The webhook form is incomplete", incomplete.details());
    }
  }

  private WebhookResult receive(WebhookRequest request, RawForm form) throws InvalidForm {
    InboundMessageForm message = InboundMessageForm.read(form);
    Map<String, String> about = new HashMap<>();
    about.put(WebhookResult.TWILIO_SID, message.messageSid());
    return switch (receiveInbound.receive(message.toCommand(form))) {
      case InboundOutcome.Accepted accepted -> {
        about.put(WebhookResult.CONVERSATION_ID, accepted.conversationId().toString());
        about.put(WebhookResult.MESSAGE_ID, accepted.messageId().toString());
        yield answer(accepted.throttled() ? "throttled" : "accepted", accepted, about);
      }
      case InboundOutcome.Duplicate duplicate -> answer("duplicate", duplicate, about);
    };
  }

  private WebhookResult recordStatus(WebhookRequest request, RawForm form) throws InvalidForm {
    RawForm query = FormCodec.read(request.rawQuery()).form();
    StatusCallbackForm callback = StatusCallbackForm.read(form, query);
    Map<String, String> about = new HashMap<>();
    if (MessageSid.isWellFormed(callback.messageSid())) {
      // anything else is text from outside, which the log must not carry
      about.put(WebhookResult.TWILIO_SID, callback.messageSid());
    }
    StatusOutcome outcome = recordDeliveryStatus.record(callback.toCommand(form));
    String word =
        switch (outcome) {
          case StatusOutcome.Applied applied -> {
            about.put(WebhookResult.MESSAGE_ID, applied.messageId().toString());
            yield "status " + applied.previous() + " -> " + applied.current();
          }
          case StatusOutcome.Unchanged unchanged -> {
            about.put(WebhookResult.MESSAGE_ID, unchanged.messageId().toString());
            yield unchanged.duplicate() ? "duplicate" : "unchanged " + unchanged.current();
          }
          case StatusOutcome.NotOutbound notOutbound -> {
            about.put(WebhookResult.MESSAGE_ID, notOutbound.messageId().toString());
            yield "not_outbound";
          }
          case StatusOutcome.Kept kept -> "kept_for_later";
          case StatusOutcome.Conflicting conflicting -> {
            about.put(WebhookResult.MESSAGE_ID, conflicting.messageId().toString());
            yield "conflicting";
          }
        };
    return emptyAnswer(word, about);
  }

  private WebhookResult answer(String word, InboundOutcome outcome, Map<String, String> about) {
    return new WebhookResult.Answered(
        TwiMl.messaging(outcome.replies(), replyStatusCallback), word, about);
  }

  private static WebhookResult emptyAnswer(String outcome, Map<String, String> about) {
    return new WebhookResult.Answered(TwiMl.EMPTY_MESSAGING, outcome, about);
  }

  static WebhookResult forbidden(String message) {
    return new WebhookResult.Refused(
        WebhookResult.Reason.FORBIDDEN, message, Map.of(), INVALID_SIGNATURE);
  }

  static WebhookResult invalid(String message, Map<String, String> details) {
    return new WebhookResult.Refused(WebhookResult.Reason.INVALID, message, details, INVALID_FORM);
  }
}
