package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.MessageUsage;
import io.smsfoundation.domain.reply.Reply;
import io.smsfoundation.domain.reply.ReplyOrigin;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One row of {@code sms_messages}, column for column; the JSONB columns as JSON text, the exact
 * webhook body as bytes.
 */
record MessageRow(
    UUID id,
    UUID conversationId,
    String direction,
    String twilioSid,
    String fromNumber,
    String toNumber,
    String messageContent,
    int numSegments,
    String encoding,
    Long processingMs,
    BigDecimal price,
    String priceUnit,
    int numMedia,
    String media,
    String deliveryStatus,
    String errorCode,
    String errorMessage,
    String languageDetected,
    BigDecimal languageConfidence,
    String rawWebhookData,
    byte[] rawWebhookBody,
    String idempotencyKey,
    String requestFingerprint,
    Instant createdAt,
    Instant updatedAt,
    String source,
    UUID replyTo,
    String replyRule,
    boolean throttled) {

  static final String COLUMNS =
      "id, conversation_id, direction, twilio_sid, from_number, to_number, message_content,"
          + " num_segments, encoding, processing_ms, price, price_unit,"
          + " num_media, media, delivery_status, error_code,"
          + " error_message, language_detected, language_confidence, raw_webhook_data,"
          + " raw_webhook_body, idempotency_key, request_fingerprint, created_at, updated_at, source,"
          + " reply_to, reply_rule, throttled";

  /** The row mapper, registered on the Jdbi instance. */
  static MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MessageRow(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "conversation_id"),
        rs.getString("direction"),
        rs.getString("twilio_sid"),
        rs.getString("from_number"),
        rs.getString("to_number"),
        rs.getString("message_content"),
        rs.getInt("num_segments"),
        rs.getString("encoding"),
        rs.getObject("processing_ms", Long.class),
        rs.getBigDecimal("price"),
        rs.getString("price_unit"),
        rs.getInt("num_media"),
        rs.getString("media"),
        rs.getString("delivery_status"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("language_detected"),
        rs.getBigDecimal("language_confidence"),
        rs.getString("raw_webhook_data"),
        rs.getBytes("raw_webhook_body"),
        rs.getString("idempotency_key"),
        rs.getString("request_fingerprint"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"),
        rs.getString("source"),
        Columns.uuid(rs, "reply_to"),
        rs.getString("reply_rule"),
        rs.getBoolean("throttled"));
  }

  static MessageRow of(Message message) {
    ReplyOrigin origin = message.replyOrigin();
    return new MessageRow(
        message.id(),
        message.conversationId(),
        message.direction().code(),
        message.twilioSid(),
        message.from(),
        message.to(),
        message.content(),
        message.numSegments(),
        message.encoding() == null ? null : message.encoding().code(),
        message.usage().processingMs(),
        message.usage().price(),
        message.usage().priceUnit(),
        message.numMedia(),
        Json.ofMedia(message.media()),
        message.deliveryStatus().code(),
        message.errorCode(),
        message.errorMessage(),
        message.language() == null ? null : message.language().language().code(),
        Numbers.confidence(message.language()),
        Json.ofForm(message.rawWebhookData()),
        message.rawWebhookData().body().orElse(null),
        message.idempotencyKey(),
        message.requestFingerprint(),
        message.createdAt(),
        message.updatedAt(),
        origin == null ? null : origin.source().code(),
        origin == null ? null : origin.replyTo(),
        origin == null ? null : origin.rule(),
        message.throttled());
  }

  Message toMessage() {
    LanguageDetection language =
        languageDetected == null
            ? null
            : new LanguageDetection(
                Language.fromCode(languageDetected),
                languageConfidence == null ? 0.0 : languageConfidence.doubleValue());
    return new Message(
        id,
        conversationId,
        Direction.fromCode(direction),
        twilioSid,
        fromNumber,
        toNumber,
        messageContent,
        numSegments,
        MessageEncoding.fromCode(encoding),
        new MessageUsage(processingMs, price, priceUnit),
        numMedia,
        Json.toMedia(media),
        DeliveryStatus.of(deliveryStatus),
        errorCode,
        errorMessage,
        language,
        Json.toForm(rawWebhookData, rawWebhookBody),
        idempotencyKey,
        requestFingerprint,
        createdAt,
        updatedAt,
        source == null ? null : new ReplyOrigin(Reply.Source.fromCode(source), replyTo, replyRule),
        throttled);
  }
}
