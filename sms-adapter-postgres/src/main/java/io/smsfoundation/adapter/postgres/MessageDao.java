package io.smsfoundation.adapter.postgres;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL of {@code sms_messages} and {@code sms_message_status_events}; rows are read by {@link
 * MessageRow#map} and {@link StatusEventRow#map}.
 */
interface MessageDao {

  default int insert(MessageRow row) {
    return insert(
        row.id(),
        row.conversationId(),
        row.direction(),
        row.twilioSid(),
        row.fromNumber(),
        row.toNumber(),
        row.messageContent(),
        row.numSegments(),
        row.encoding(),
        row.numMedia(),
        row.media(),
        row.deliveryStatus(),
        row.errorCode(),
        row.errorMessage(),
        row.languageDetected(),
        row.languageConfidence(),
        row.rawWebhookData(),
        row.idempotencyKey(),
        row.requestFingerprint(),
        row.createdAt(),
        row.updatedAt());
  }

  default int appendStatusEvent(StatusEventRow row) {
    return appendStatusEvent(
        row.id(),
        row.messageId(),
        row.twilioSid(),
        row.eventStatus(),
        row.errorCode(),
        row.rawWebhookData(),
        row.createdAt());
  }

  /**
   * Race-safe: a concurrent or later insert with the same Twilio SID, idempotency key or id waits
   * for the first to commit and then inserts nothing (0 rows).
   */
  @SqlUpdate(
      "insert into sms_messages (id, conversation_id, direction, twilio_sid, from_number,"
          + " to_number, message_content, num_segments, encoding, num_media, media,"
          + " delivery_status, error_code, error_message, language_detected, language_confidence,"
          + " raw_webhook_data, idempotency_key, request_fingerprint, created_at, updated_at)"
          + " values (:id, :conversationId, :direction, :twilioSid, :fromNumber, :toNumber,"
          + " :messageContent, :numSegments, :encoding, :numMedia, cast(:media as jsonb),"
          + " :deliveryStatus, :errorCode, :errorMessage, :languageDetected, :languageConfidence,"
          + " cast(:rawWebhookData as jsonb), :idempotencyKey, :requestFingerprint, :createdAt,"
          + " :updatedAt)"
          + " on conflict do nothing")
  int insert(
      @Bind("id") UUID id,
      @Bind("conversationId") UUID conversationId,
      @Bind("direction") String direction,
      @Bind("twilioSid") String twilioSid,
      @Bind("fromNumber") String fromNumber,
      @Bind("toNumber") String toNumber,
      @Bind("messageContent") String messageContent,
      @Bind("numSegments") int numSegments,
      @Bind("encoding") String encoding,
      @Bind("numMedia") int numMedia,
      @Bind("media") String media,
      @Bind("deliveryStatus") String deliveryStatus,
      @Bind("errorCode") String errorCode,
      @Bind("errorMessage") String errorMessage,
      @Bind("languageDetected") String languageDetected,
      @Bind("languageConfidence") BigDecimal languageConfidence,
      @Bind("rawWebhookData") String rawWebhookData,
      @Bind("idempotencyKey") String idempotencyKey,
      @Bind("requestFingerprint") String requestFingerprint,
      @Bind("createdAt") Instant createdAt,
      @Bind("updatedAt") Instant updatedAt);

  @SqlQuery("select " + MessageRow.COLUMNS + " from sms_messages where id = :id")
  Optional<MessageRow> findById(@Bind("id") UUID id);

  @SqlQuery("select " + MessageRow.COLUMNS + " from sms_messages where twilio_sid = :sid")
  Optional<MessageRow> findBySid(@Bind("sid") String sid);

  @SqlQuery("select " + MessageRow.COLUMNS + " from sms_messages where idempotency_key = :key")
  Optional<MessageRow> findByIdempotencyKey(@Bind("key") String key);

  @SqlQuery("select " + MessageRow.COLUMNS + " from sms_messages where id = :id for update")
  Optional<MessageRow> lockById(@Bind("id") UUID id);

  @SqlQuery(
      "select " + MessageRow.COLUMNS + " from sms_messages where twilio_sid = :sid for update")
  Optional<MessageRow> lockBySid(@Bind("sid") String sid);

  /** Newest first; served by {@code sms_messages_conversation_page_idx}. */
  String FIRST_PAGE =
      "select "
          + MessageRow.COLUMNS
          + " from sms_messages where conversation_id = :conversationId"
          + " order by created_at desc, id desc limit :limit";

  /** Keyset pagination: strictly after the given position in newest-first order. */
  String PAGE_AFTER =
      "select "
          + MessageRow.COLUMNS
          + " from sms_messages where conversation_id = :conversationId"
          + " and (created_at, id) < (:afterCreatedAt, :afterId)"
          + " order by created_at desc, id desc limit :limit";

  @SqlQuery(FIRST_PAGE)
  List<MessageRow> firstPage(@Bind("conversationId") UUID conversationId, @Bind("limit") int limit);

  @SqlQuery(PAGE_AFTER)
  List<MessageRow> pageAfter(
      @Bind("conversationId") UUID conversationId,
      @Bind("afterCreatedAt") Instant afterCreatedAt,
      @Bind("afterId") UUID afterId,
      @Bind("limit") int limit);

  @SqlUpdate(
      "update sms_messages set twilio_sid = coalesce(:sid, twilio_sid),"
          + " delivery_status = :status, error_code = coalesce(:errorCode, error_code),"
          + " error_message = coalesce(:errorMessage, error_message), updated_at = :at"
          + " where id = :id")
  int updateDelivery(
      @Bind("id") UUID id,
      @Bind("sid") String sid,
      @Bind("status") String status,
      @Bind("errorCode") String errorCode,
      @Bind("errorMessage") String errorMessage,
      @Bind("at") Instant at);

  /** Duplicates hit one of the two partial unique indexes and insert nothing. */
  @SqlUpdate(
      "insert into sms_message_status_events (id, message_id, twilio_sid, event_status,"
          + " error_code, raw_webhook_data, created_at)"
          + " values (:id, :messageId, :twilioSid, :eventStatus, :errorCode,"
          + " cast(:rawWebhookData as jsonb), :createdAt)"
          + " on conflict do nothing")
  int appendStatusEvent(
      @Bind("id") UUID id,
      @Bind("messageId") UUID messageId,
      @Bind("twilioSid") String twilioSid,
      @Bind("eventStatus") String eventStatus,
      @Bind("errorCode") String errorCode,
      @Bind("rawWebhookData") String rawWebhookData,
      @Bind("createdAt") Instant createdAt);

  @SqlQuery(
      "select "
          + StatusEventRow.COLUMNS
          + " from sms_message_status_events where message_id = :messageId"
          + " order by created_at, seq")
  List<StatusEventRow> statusEvents(@Bind("messageId") UUID messageId);

  @SqlQuery(
      "select "
          + StatusEventRow.COLUMNS
          + " from sms_message_status_events where twilio_sid = :sid and message_id is null"
          + " order by created_at, seq")
  List<StatusEventRow> unattachedStatusEvents(@Bind("sid") String sid);

  /**
   * Attaches the SID's unattached events, except those whose status the message already has (they
   * stay unattached rather than break the one-status-per-message rule).
   */
  @SqlUpdate(
      "update sms_message_status_events as e set message_id = :messageId"
          + " where e.twilio_sid = :sid and e.message_id is null"
          + " and not exists (select 1 from sms_message_status_events as d"
          + " where d.message_id = :messageId and d.event_status = e.event_status)")
  int attachStatusEvents(@Bind("sid") String sid, @Bind("messageId") UUID messageId);
}
