package io.smsfoundation.ports.in;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.MessageSid;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stores an inbound SMS exactly once per Twilio {@code MessageSid}. */
public interface ReceiveInboundSms {

  InboundOutcome receive(InboundSms sms);

  /**
   * An inbound SMS as Twilio posted it.
   *
   * @param body may be empty (an MMS without text)
   * @param optOutType Twilio's {@code OptOutType}, or {@code null}
   * @param rawForm every form parameter, in the order received, stored as it came
   */
  record InboundSms(
      String messageSid,
      String from,
      String to,
      String body,
      int numMedia,
      List<Media> media,
      String optOutType,
      Map<String, String> rawForm) {

    public InboundSms {
      new Validation()
          .require(Validation.present(messageSid), "MessageSid", "is required")
          .require(
              !Validation.present(messageSid) || MessageSid.isWellFormed(messageSid.strip()),
              "MessageSid",
              "is not a Twilio message SID")
          .require(Validation.present(from), "From", "is required")
          .require(Validation.present(to), "To", "is required")
          .require(numMedia >= 0, "NumMedia", "must not be negative")
          .throwIfInvalid();
      messageSid = messageSid.strip();
      body = body == null ? "" : body;
      media = media == null ? List.of() : List.copyOf(media);
      rawForm = rawForm == null ? Map.of() : rawForm;
    }
  }

  /** What became of an inbound SMS. */
  sealed interface InboundOutcome {

    /** Stored now, with the language detected in its body. */
    record Accepted(UUID messageId, UUID conversationId, Language language)
        implements InboundOutcome {}

    /** A message with this SID was stored before; nothing changed. */
    record Duplicate(String messageSid) implements InboundOutcome {}
  }
}
