package io.smsfoundation.domain.message;

import io.smsfoundation.domain.language.LanguageDetection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored SMS, inbound or outbound, with its delivery state and, for inbound messages, the
 * complete webhook form exactly as Twilio posted it.
 *
 * @param twilioSid Twilio's SID, {@code null} for an outbound message not yet accepted by Twilio
 * @param encoding {@code null} when unknown (inbound messages report only a segment count)
 * @param language detected language of an inbound body, {@code null} for outbound messages
 * @param rawWebhookData the inbound form, in the order received; empty for outbound messages
 * @param idempotencyKey the caller's {@code Idempotency-Key} of an outbound message, or {@code
 *     null}
 * @param requestFingerprint what the key's request contained, to tell a replay from a misuse
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
    int numMedia,
    List<Media> media,
    DeliveryStatus deliveryStatus,
    String errorCode,
    String errorMessage,
    LanguageDetection language,
    Map<String, String> rawWebhookData,
    String idempotencyKey,
    String requestFingerprint,
    Instant createdAt,
    Instant updatedAt) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(deliveryStatus, "deliveryStatus");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    content = content == null ? "" : content;
    media = media == null ? List.of() : List.copyOf(media);
    rawWebhookData = rawWebhookData == null ? Map.of() : rawWebhookData;
  }

  /** This message after a delivery update. */
  public Message withDelivery(
      String sid, DeliveryStatus status, String code, String text, Instant at) {
    return new Message(
        id,
        conversationId,
        direction,
        sid == null ? twilioSid : sid,
        from,
        to,
        content,
        numSegments,
        encoding,
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
        at);
  }
}
