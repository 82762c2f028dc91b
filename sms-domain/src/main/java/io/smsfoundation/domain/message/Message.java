package io.smsfoundation.domain.message;

import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.reply.Reply;
import io.smsfoundation.domain.reply.ReplyOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored SMS, inbound or outbound, with its delivery state and, for inbound messages, the
 * complete webhook form exactly as Twilio posted it (with the exact body bytes, {@link
 * RawForm#body()}). Its texts are {@linkplain StorableText storable}: a NUL or an unpaired
 * surrogate is held as U+FFFD.
 *
 * @param twilioSid Twilio's SID, {@code null} for an outbound message not yet accepted by Twilio
 * @param encoding {@code null} when unknown (inbound messages report only a segment count)
 * @param usage processing time and price, as far as they are known
 * @param language detected language of an inbound body, {@code null} for outbound messages
 * @param rawWebhookData the inbound form as the provider posted it; empty for outbound messages
 * @param idempotencyKey the caller's {@code Idempotency-Key} of an outbound message, or {@code
 *     null}
 * @param requestFingerprint what the key's request contained, to tell a replay from a misuse
 * @param replyOrigin for an answer the service sent to an inbound message, why; {@code null} for a
 *     message sent through the API and for inbound messages
 * @param throttled whether an inbound message came from a sender over its rate: stored as any
 *     other, but neither answered nor delivered to webhook subscribers
 */
public record Message(
    UUID id,
    UUID conversationId,
    Direction direction,
    String twilioSid,
    String from,
    String to,
    String content,
    int numSegments,
    MessageEncoding encoding,
    MessageUsage usage,
    int numMedia,
    List<Media> media,
    DeliveryStatus deliveryStatus,
    String errorCode,
    String errorMessage,
    LanguageDetection language,
    RawForm rawWebhookData,
    String idempotencyKey,
    String requestFingerprint,
    Instant createdAt,
    Instant updatedAt,
    ReplyOrigin replyOrigin,
    boolean throttled) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(deliveryStatus, "deliveryStatus");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    // a message's text is storable text whatever it came with (NUL and lone surrogates as U+FFFD)
    content = content == null ? "" : StorableText.of(content);
    from = StorableText.of(from);
    to = StorableText.of(to);
    errorCode = StorableText.of(errorCode);
    errorMessage = StorableText.of(errorMessage);
    media = media == null ? List.of() : List.copyOf(media);
    usage = usage == null ? MessageUsage.NONE : usage;
    rawWebhookData = rawWebhookData == null ? RawForm.empty() : rawWebhookData;
  }

  /**
   * A message received from {@code from}, stored as {@link DeliveryStatus#RECEIVED}.
   *
   * @param providerMessageId the provider's id of the message (Twilio's SID)
   * @param segments how many segments the message took, as the provider reported or as counted
   * @param encoding the body's encoding, or {@code null} when unknown
   * @param language the language detected in the body
   * @param rawForm the webhook's form exactly as posted
   */
  public static Message inbound(
      UUID id,
      UUID conversationId,
      String providerMessageId,
      String from,
      String to,
      String body,
      int segments,
      MessageEncoding encoding,
      List<Media> media,
      int numMedia,
      LanguageDetection language,
      RawForm rawForm,
      Instant at) {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    return new Message(
        id,
        conversationId,
        Direction.INBOUND,
        providerMessageId,
        from,
        to,
        body,
        segments,
        encoding,
        MessageUsage.NONE,
        numMedia,
        media,
        DeliveryStatus.RECEIVED,
        null,
        null,
        Objects.requireNonNull(language, "language"),
        rawForm,
        null,
        null,
        at,
        at,
        null,
        false);
  }

  /**
   * A message to send to {@code to}, stored as {@link DeliveryStatus#PENDING} until the send job
   * hands it to the provider.
   *
   * @param idempotencyKey the caller's key, or {@code null}
   * @param requestFingerprint what the request contained, to tell a replay of the key from a misuse
   */
  public static Message outbound(
      UUID id,
      UUID conversationId,
      String to,
      String body,
      Segments segments,
      String idempotencyKey,
      String requestFingerprint,
      Instant at) {
    return outbound(
        id, conversationId, to, body, List.of(), segments, idempotencyKey, requestFingerprint, at);
  }

  /**
   * A message with pictures (MMS) to send to {@code to}; the body may then be empty.
   *
   * @param media the attachments to send, in order (their URLs; the content type is learnt by the
   *     provider)
   */
  public static Message outbound(
      UUID id,
      UUID conversationId,
      String to,
      String body,
      List<Media> media,
      Segments segments,
      String idempotencyKey,
      String requestFingerprint,
      Instant at) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(media, "media");
    return new Message(
        id,
        conversationId,
        Direction.OUTBOUND,
        null,
        null,
        to,
        body,
        segments.count(),
        segments.encoding(),
        MessageUsage.NONE,
        media.size(),
        media,
        DeliveryStatus.PENDING,
        null,
        null,
        null,
        RawForm.empty(),
        idempotencyKey,
        requestFingerprint,
        at,
        at,
        null,
        false);
  }

  /**
   * The service's answer to the inbound message {@code inbound}, sent back in the webhook's answer:
   * from the number the sender wrote to, to the sender. Stored as {@link DeliveryStatus#QUEUED}
   * (the provider has it as soon as the answer is written) and never picked up by the send job.
   */
  public static Message reply(UUID id, Message inbound, Reply reply, Instant at) {
    Objects.requireNonNull(reply, "reply");
    Segments segments = Segments.of(reply.text());
    return new Message(
        id,
        inbound.conversationId(),
        Direction.OUTBOUND,
        null,
        inbound.to(),
        inbound.from(),
        reply.text(),
        segments.count(),
        segments.encoding(),
        MessageUsage.NONE,
        0,
        List.of(),
        DeliveryStatus.QUEUED,
        null,
        null,
        null,
        RawForm.empty(),
        null,
        null,
        at,
        at,
        new ReplyOrigin(reply.source(), inbound.id(), reply.rule()),
        false);
  }

  /** This inbound message marked as from a sender over its rate. */
  public Message asThrottled() {
    return changed(twilioSid, deliveryStatus, errorCode, errorMessage, usage, updatedAt, true);
  }

  public boolean isOutbound() {
    return direction == Direction.OUTBOUND;
  }

  /**
   * What a delivery status reported for this message does to it. Only outbound messages have a
   * delivery lifecycle; theirs moves forward only (see {@link DeliveryStatus#canMoveTo}).
   */
  public DeliveryChange reportDelivery(DeliveryStatus reported) {
    Objects.requireNonNull(reported, "reported");
    if (!isOutbound()) {
      return new DeliveryChange.NotOutbound(deliveryStatus);
    }
    DeliveryStatus next = deliveryStatus.advance(reported);
    return next.equals(deliveryStatus)
        ? new DeliveryChange.Unchanged(deliveryStatus)
        : new DeliveryChange.Moved(deliveryStatus, next);
  }

  /** This message with other usage figures. */
  public Message withUsage(MessageUsage newUsage) {
    return changed(
        twilioSid, deliveryStatus, errorCode, errorMessage, newUsage, updatedAt, throttled);
  }

  /** This message after a delivery update. */
  public Message withDelivery(
      String sid, DeliveryStatus status, String code, String text, Instant at) {
    return changed(sid == null ? twilioSid : sid, status, code, text, usage, at, throttled);
  }

  /** This message with the fields that change after it is stored replaced. */
  private Message changed(
      String sid,
      DeliveryStatus status,
      String code,
      String text,
      MessageUsage newUsage,
      Instant at,
      boolean isThrottled) {
    return new Message(
        id,
        conversationId,
        direction,
        sid,
        from,
        to,
        content,
        numSegments,
        encoding,
        newUsage,
        numMedia,
        media,
        status,
        code,
        text,
        language,
        rawWebhookData,
        idempotencyKey,
        requestFingerprint,
        createdAt,
        at,
        replyOrigin,
        isThrottled);
  }
}
