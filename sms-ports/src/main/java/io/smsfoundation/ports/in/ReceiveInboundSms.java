package io.smsfoundation.ports.in;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StorableText;
import io.smsfoundation.domain.optout.OptIntent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Stores an inbound SMS exactly once per provider message id. */
public interface ReceiveInboundSms {

  /** Longest provider message id accepted. */
  int MAX_PROVIDER_ID_LENGTH = 64;

  InboundOutcome receive(InboundSms sms);

  /**
   * An inbound SMS as the provider delivered it, in the service's own words.
   *
   * @param providerMessageId the provider's id of the message; one message is stored per id
   * @param body may be empty (a picture message without text)
   * @param media the attachments, in order
   * @param mediaCount how many attachments the provider reported (may exceed {@code media} when it
   *     listed fewer than it counted)
   * @param reportedSegments the segment count the provider reported, or {@code null} to count them
   * @param keywordHandledByProvider the consent keyword the provider recognised and answered
   *     itself, or {@code null} when it did not
   * @param rawForm the webhook exactly as posted, kept with the message
   * @param alreadyTaken how long the request had been in the service (read, verified) before this
   *     call, counted into the message's processing time; {@code null} for none
   */
  record InboundSms(
      String providerMessageId,
      String from,
      String to,
      String body,
      List<Media> media,
      int mediaCount,
      Integer reportedSegments,
      OptIntent keywordHandledByProvider,
      RawForm rawForm,
      Duration alreadyTaken) {

    public InboundSms {
      new Validation()
          .require(Validation.present(providerMessageId), "providerMessageId", "is required")
          .require(
              providerMessageId == null
                  || providerMessageId.strip().length() <= MAX_PROVIDER_ID_LENGTH,
              "providerMessageId",
              "must be at most " + MAX_PROVIDER_ID_LENGTH + " characters")
          .require(Validation.present(from), "from", "is required")
          .require(Validation.present(to), "to", "is required")
          .require(mediaCount >= 0, "mediaCount", "must not be negative")
          .require(
              reportedSegments == null || reportedSegments > 0,
              "reportedSegments",
              "must be positive")
          .throwIfInvalid();
      providerMessageId = StorableText.of(providerMessageId.strip());
      // what the provider sent is kept whatever it holds: as storable text
      from = StorableText.of(from);
      to = StorableText.of(to);
      body = body == null ? "" : StorableText.of(body);
      media = media == null ? List.of() : List.copyOf(media);
      rawForm = rawForm == null ? RawForm.empty() : rawForm;
      alreadyTaken =
          alreadyTaken == null || alreadyTaken.isNegative() ? Duration.ZERO : alreadyTaken;
    }

    /** An inbound SMS handed over as soon as it arrived. */
    public InboundSms(
        String providerMessageId,
        String from,
        String to,
        String body,
        List<Media> media,
        int mediaCount,
        Integer reportedSegments,
        OptIntent keywordHandledByProvider,
        RawForm rawForm) {
      this(
          providerMessageId,
          from,
          to,
          body,
          media,
          mediaCount,
          reportedSegments,
          keywordHandledByProvider,
          rawForm,
          Duration.ZERO);
    }

    /** This SMS, which had been in the service for {@code taken} before it was handed over. */
    public InboundSms afterTaking(Duration taken) {
      return new InboundSms(
          providerMessageId,
          from,
          to,
          body,
          media,
          mediaCount,
          reportedSegments,
          keywordHandledByProvider,
          rawForm,
          taken);
    }

    /** A text message with nothing but the essentials, as embedders and tests post them. */
    public static InboundSms text(String providerMessageId, String from, String to, String body) {
      return new InboundSms(
          providerMessageId, from, to, body, List.of(), 0, null, null, RawForm.empty());
    }
  }

  /**
   * An answer to the sender, stored as an outbound message of the conversation, for the provider to
   * send in its reply to the webhook.
   *
   * @param messageId the stored answer's id (its delivery statuses are reported for this id)
   */
  record Reply(UUID messageId, String text) {

    public Reply {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(text, "text");
    }
  }

  /** What became of an inbound SMS; either way, the answers to send the sender. */
  sealed interface InboundOutcome {

    List<Reply> replies();

    /**
     * Stored now, with the language detected in its body.
     *
     * @param throttled whether the sender is over its rate (the message is stored, not answered and
     *     not delivered to webhook subscribers)
     */
    record Accepted(
        UUID messageId,
        UUID conversationId,
        Language language,
        boolean throttled,
        List<Reply> replies)
        implements InboundOutcome {

      public Accepted {
        replies = List.copyOf(replies);
      }

      /** Stored, within the sender's rate, with nothing to answer. */
      public Accepted(UUID messageId, UUID conversationId, Language language) {
        this(messageId, conversationId, language, false, List.of());
      }
    }

    /**
     * A message with this provider id was stored before; nothing changed. The answers are those
     * stored for it the first time, so that a repeated webhook is answered the same.
     */
    record Duplicate(String providerMessageId, List<Reply> replies) implements InboundOutcome {

      public Duplicate {
        replies = List.copyOf(replies);
      }

      public Duplicate(String providerMessageId) {
        this(providerMessageId, List.of());
      }
    }
  }
}
