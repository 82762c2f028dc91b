package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.RawForm;
import java.util.List;
import java.util.Objects;

/**
 * The forms Twilio posts, built as Twilio builds them, and signed: for the emulator's status
 * callbacks, the {@code simulate} command and tests that play Twilio. Stateless.
 */
public final class TwilioWebhookForms {

  /** The API version Twilio names in every webhook. */
  public static final String API_VERSION = "2010-04-01";

  private TwilioWebhookForms() {}

  /** A webhook ready to post: the URL it is signed for, the encoded body and the signature. */
  public record SignedWebhook(String url, String body, String signature) {

    public SignedWebhook {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(signature, "signature");
    }

    /** The header that carries {@link #signature()}. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
  }

  /**
   * The form of an incoming message.
   *
   * @param media attachments, may be empty
   * @param optOutType what Advanced Opt-Out recognised ({@code STOP}, {@code START}, {@code HELP}),
   *     or {@code null}
   */
  public static RawForm inboundMessage(
      String accountSid,
      String messageSid,
      String from,
      String to,
      String body,
      List<Media> media,
      String optOutType) {
    RawForm.Builder form =
        RawForm.builder()
            .add("ToCountry", "US")
            .add("SmsMessageSid", messageSid)
            .add("NumMedia", Integer.toString(media.size()))
            .add("SmsSid", messageSid)
            .add("SmsStatus", "received")
            .add("Body", body == null ? "" : body)
            .add("To", to)
            .add("NumSegments", "1")
            .add("MessageSid", messageSid)
            .add("AccountSid", accountSid)
            .add("From", from)
            .add("ApiVersion", API_VERSION);
    for (int i = 0; i < media.size(); i++) {
      form.add("MediaUrl" + i, media.get(i).url());
      if (media.get(i).contentType() != null) {
        form.add("MediaContentType" + i, media.get(i).contentType());
      }
    }
    if (optOutType != null) {
      form.add("OptOutType", optOutType);
    }
    return form.build();
  }

  /**
   * The form of a status change of an outbound message.
   *
   * @param from the sender, or {@code null} to leave it out
   * @param to the recipient, or {@code null} to leave it out
   * @param messagingServiceSid the messaging service, or {@code null}
   * @param errorCode Twilio's error code, or {@code null}
   */
  public static RawForm statusCallback(
      String accountSid,
      String messageSid,
      String status,
      String from,
      String to,
      String messagingServiceSid,
      String errorCode) {
    RawForm.Builder form =
        RawForm.builder().add("AccountSid", accountSid).add("ApiVersion", API_VERSION);
    if (from != null) {
      form.add("From", from);
    }
    if (messagingServiceSid != null) {
      form.add("MessagingServiceSid", messagingServiceSid);
    }
    form.add("MessageSid", messageSid)
        .add("MessageStatus", status)
        .add("SmsSid", messageSid)
        .add("SmsStatus", status);
    if (to != null) {
      form.add("To", to);
    }
    if (errorCode != null) {
      form.add("ErrorCode", errorCode);
    }
    return form.build();
  }

  /** The form of a call reaching the number's voice URL, as Twilio posts it (ringing, inbound). */
  public static RawForm incomingCall(String accountSid, String callSid, String from, String to) {
    return RawForm.builder()
        .add("Called", to)
        .add("ToState", "CA")
        .add("CallerCountry", "US")
        .add("Direction", "inbound")
        .add("CallerState", "NJ")
        .add("ToZip", "")
        .add("CallSid", callSid)
        .add("To", to)
        .add("CallerZip", "")
        .add("ToCountry", "US")
        .add("CallToken", "")
        .add("CalledZip", "")
        .add("ApiVersion", API_VERSION)
        .add("CalledCity", "")
        .add("CallStatus", "ringing")
        .add("From", from)
        .add("AccountSid", accountSid)
        .add("CalledCountry", "US")
        .add("CallerCity", "")
        .add("ToCity", "")
        .add("FromCountry", "US")
        .add("Caller", from)
        .add("FromCity", "")
        .add("CalledState", "CA")
        .add("FromZip", "")
        .add("FromState", "NJ")
        .build();
  }

  /**
   * The form of a {@code <Dial>}'s {@code action} when the dial ends.
   *
   * @param dialStatus {@code completed}, {@code busy}, {@code no-answer}, {@code failed} or {@code
   *     canceled}
   * @param durationSeconds how long the dialled party was on the line, or {@code null}
   */
  public static RawForm dialAction(
      String accountSid,
      String callSid,
      String from,
      String to,
      String dialStatus,
      Integer durationSeconds) {
    RawForm.Builder form =
        RawForm.builder()
            .add("AccountSid", accountSid)
            .add("ApiVersion", API_VERSION)
            .add("CallSid", callSid)
            .add("CallStatus", "in-progress")
            .add("Direction", "inbound")
            .add("From", from)
            .add("To", to)
            .add("DialCallStatus", dialStatus);
    if (durationSeconds != null) {
      // the dialled leg is a call of its own, with a SID of its own
      form.add("DialCallSid", "CA" + new StringBuilder(callSid.substring(2)).reverse())
          .add("DialCallDuration", Integer.toString(durationSeconds));
    }
    return form.build();
  }

  /** The form of a call's {@code StatusCallback}. */
  public static RawForm callStatus(
      String accountSid, String callSid, String status, Integer durationSeconds) {
    RawForm.Builder form =
        RawForm.builder()
            .add("AccountSid", accountSid)
            .add("ApiVersion", API_VERSION)
            .add("CallSid", callSid)
            .add("CallStatus", status)
            .add("Direction", "inbound");
    if (durationSeconds != null) {
      form.add("CallDuration", Integer.toString(durationSeconds));
    }
    return form.build();
  }

  /** {@code form} encoded as a request body and signed for {@code url} with {@code authToken}. */
  public static SignedWebhook sign(String authToken, String url, RawForm form) {
    return new SignedWebhook(
        url, FormCodec.encode(form), TwilioSignatures.sign(authToken, url, form));
  }
}
