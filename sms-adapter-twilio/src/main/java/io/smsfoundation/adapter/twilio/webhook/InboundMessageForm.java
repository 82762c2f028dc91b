package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.MessageSid;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The form Twilio posts for an incoming message (SMS, MMS, WhatsApp), read into what the service
 * uses. Twilio names the SID three ways ({@code MessageSid}, {@code SmsMessageSid}, {@code
 * SmsSid}); the first present is taken. A count Twilio sends malformed is not a reason to refuse
 * the message: it is counted instead.
 *
 * @param numSegments Twilio's {@code NumSegments}, or {@code null} when absent or malformed
 * @param optOut what Twilio's Advanced Opt-Out recognised ({@code OptOutType}), or {@code null}
 */
record InboundMessageForm(
    String messageSid,
    String from,
    String to,
    String body,
    List<Media> media,
    int numMedia,
    Integer numSegments,
    OptIntent optOut) {

  /** Twilio attaches at most ten media to one message. */
  static final int MAX_MEDIA = 10;

  static InboundMessageForm read(RawForm form) throws InvalidForm {
    String sid = firstPresent(form, "MessageSid", "SmsMessageSid", "SmsSid");
    String from = form.first("From");
    String to = form.first("To");
    new InvalidForm.Problems()
        .require(sid != null, "MessageSid", "is required")
        .require(
            sid == null || MessageSid.isWellFormed(sid.strip()),
            "MessageSid",
            "is not a Twilio message SID")
        .require(present(from), "From", "is required")
        .require(present(to), "To", "is required")
        .throwIfAny();
    List<Media> media = media(form);
    String body = form.first("Body");
    return new InboundMessageForm(
        sid.strip(),
        from,
        to,
        body == null ? "" : body,
        media,
        orElse(count(form.first("NumMedia"), 0), media.size()),
        count(form.first("NumSegments"), 1),
        optOut(form.first("OptOutType")));
  }

  /** The provider-neutral command, with the whole form as the raw payload. */
  InboundSms toCommand(RawForm form) {
    return new InboundSms(messageSid, from, to, body, media, numMedia, numSegments, optOut, form);
  }

  /** {@code MediaUrlN} with its {@code MediaContentTypeN}, in order, up to the first gap. */
  private static List<Media> media(RawForm form) {
    List<Media> media = new ArrayList<>();
    for (int i = 0; i < MAX_MEDIA; i++) {
      String url = form.first("MediaUrl" + i);
      if (url == null || url.isBlank()) {
        break;
      }
      media.add(new Media(url, form.first("MediaContentType" + i)));
    }
    return media;
  }

  /**
   * {@code STOP}, {@code START} or {@code HELP}; anything else Twilio may add means nothing yet.
   */
  static OptIntent optOut(String optOutType) {
    if (optOutType == null) {
      return null;
    }
    return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
      case "STOP" -> OptIntent.OPT_OUT;
      case "START" -> OptIntent.OPT_IN;
      case "HELP" -> OptIntent.HELP;
      default -> null;
    };
  }

  /** A count of at least {@code min}, or {@code null} when it is absent or malformed. */
  static Integer count(String text, int min) {
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.strip());
      return value >= min ? value : null;
    } catch (NumberFormatException malformed) {
      return null;
    }
  }

  private static int orElse(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  static String firstPresent(RawForm form, String... names) {
    for (String name : names) {
      String value = form.first(name);
      if (present(value)) {
        return value;
      }
    }
    return null;
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
