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

  /** {@code form} encoded as a request body and signed for {@code url} with {@code authToken}. */
  public static SignedWebhook sign(String authToken, String url, RawForm form) {
    return new SignedWebhook(
        url, FormCodec.encode(form), TwilioSignatures.sign(authToken, url, form));
  }
}
