package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.out.MessageStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of {@code sms_messages} and {@code sms_message_status_events}, on one handle. */
final class MessageDao {

  private static final String SELECT = "select " + MessageRow.COLUMNS + " from sms_messages";

  /**
   * Race-safe: a concurrent or later insert with the same Twilio SID, idempotency key or id waits
   * for the first to commit and then inserts nothing (0 rows).
   */
  static final String INSERT =
      "insert into sms_messages (id, conversation_id, direction, twilio_sid, from_number,"
          + " to_number, message_content, num_segments, encoding, num_media, media,"
          + " delivery_status, error_code, error_message, language_detected, language_confidence,"
          + " raw_webhook_data, raw_webhook_body, idempotency_key, request_fingerprint,"
          + " created_at, updated_at, source, reply_to, reply_rule, throttled)"
          + " values (:id, :conversationId, :direction, :twilioSid, :fromNumber, :toNumber,"
          + " :content, :numSegments, :encoding, :numMedia, cast(:media as jsonb),"
          + " :deliveryStatus, :errorCode, :errorMessage, :language, :confidence,"
          + " cast(:rawWebhookData as jsonb), :rawWebhookBody, :idempotencyKey,"
          + " :requestFingerprint, :createdAt, :updatedAt, :source, :replyTo, :replyRule,"
          + " :throttled)"
          + " on conflict do nothing";

  /** Newest first; served by {@code sms_messages_conversation_page_idx}. */
  static final String FIRST_PAGE =
      SELECT
          + " where conversation_id = :conversationId"
          + " order by created_at desc, id desc limit :limit";

  /** Keyset pagination: strictly after the given position in newest-first order. */
  static final String PAGE_AFTER =
      SELECT
          + " where conversation_id = :conversationId"
          + " and (created_at, id) < (:afterCreatedAt, :afterId)"
          + " order by created_at desc, id desc limit :limit";

  private static final String SELECT_EVENTS =
      "select " + StatusEventRow.COLUMNS + " from sms_message_status_events";

  private final Handle handle;

  MessageDao(Handle handle) {
    this.handle = handle;
  }

  int insert(MessageRow row) {
    return handle
        .createUpdate(INSERT)
        .bind("id", row.id())
        .bind("conversationId", row.conversationId())
        .bind("direction", row.direction())
        .bind("twilioSid", row.twilioSid())
        .bind("fromNumber", row.fromNumber())
        .bind("toNumber", row.toNumber())
        .bind("content", row.messageContent())
        .bind("numSegments", row.numSegments())
        .bind("encoding", row.encoding())
        .bind("numMedia", row.numMedia())
        .bind("media", row.media())
        .bind("deliveryStatus", row.deliveryStatus())
        .bind("errorCode", row.errorCode())
        .bind("errorMessage", row.errorMessage())
        .bind("language", row.languageDetected())
        .bind("confidence", row.languageConfidence())
        .bind("rawWebhookData", row.rawWebhookData())
        .bindByType("rawWebhookBody", row.rawWebhookBody(), byte[].class)
        .bind("idempotencyKey", row.idempotencyKey())
        .bind("requestFingerprint", row.requestFingerprint())
        .bind("createdAt", row.createdAt())
        .bind("updatedAt", row.updatedAt())
        .bind("source", row.source())
        .bindByType("replyTo", row.replyTo(), UUID.class)
        .bind("replyRule", row.replyRule())
        .bind("throttled", row.throttled())
        .execute();
  }

  /** Served by the conversation page index ({@code conversation_id, created_at}). */
  int repliesSince(UUID conversationId, Instant since) {
    return handle
        .createQuery(
            "select count(*) from sms_messages where conversation_id = :id"
                + " and created_at >= :since and source is not null")
        .bind("id", conversationId)
        .bind("since", since)
        .mapTo(Integer.class)
        .one();
  }

  Optional<Instant> lastReplyOfRule(UUID conversationId, String rule) {
    return handle
        .createQuery(
            "select max(created_at) as last from sms_messages where conversation_id = :id"
                + " and reply_rule = :rule")
        .bind("id", conversationId)
        .bind("rule", rule)
        .map((rs, ctx) -> Columns.instant(rs, "last"))
        .findOne();
  }

  /** Served by {@code sms_messages_reply_to_idx}. */
  List<MessageRow> repliesTo(UUID inboundId) {
    return handle
        .createQuery(SELECT + " where reply_to = :id order by created_at, id")
        .bind("id", inboundId)
        .map(MessageRow::map)
        .list();
  }

  Optional<MessageRow> findById(UUID id) {
    return one(SELECT + " where id = :id", "id", id);
  }

  Optional<MessageRow> findBySid(String sid) {
    return one(SELECT + " where twilio_sid = :sid", "sid", sid);
  }

  Optional<MessageRow> findByIdempotencyKey(String key) {
    return one(SELECT + " where idempotency_key = :key", "key", key);
  }

  /**
   * Takes the key when it is free or its claim expired, in one statement: of two instances racing
   * for a free key, the second waits for the first's insert and then finds the claim current.
   */
  boolean claimIdempotencyKey(String key, UUID owner, Instant until, Instant now) {
    return handle
        .createQuery(
            "insert into sms_idempotency_claims as c (key, owner, claimed_until)"
                + " values (:key, :owner, :until)"
                + " on conflict (key) do update set owner = excluded.owner,"
                + " claimed_until = excluded.claimed_until"
                + " where c.claimed_until <= :now or c.owner = excluded.owner"
                + " returning key")
        .bind("key", key)
        .bind("owner", owner)
        .bind("until", until)
        .bind("now", now)
        .mapTo(String.class)
        .findOne()
        .isPresent();
  }

  void releaseIdempotencyKey(String key, UUID owner) {
    handle
        .createUpdate("delete from sms_idempotency_claims where key = :key and owner = :owner")
        .bind("key", key)
        .bind("owner", owner)
        .execute();
  }

  Optional<MessageRow> lockById(UUID id) {
    return one(SELECT + " where id = :id for update", "id", id);
  }

  Optional<MessageRow> lockBySid(String sid) {
    return one(SELECT + " where twilio_sid = :sid for update", "sid", sid);
  }

  private Optional<MessageRow> one(String sql, String name, Object value) {
    return handle.createQuery(sql).bind(name, value).map(MessageRow::map).findOne();
  }

  List<MessageRow> firstPage(UUID conversationId, int limit) {
    return handle
        .createQuery(FIRST_PAGE)
        .bind("conversationId", conversationId)
        .bind("limit", limit)
        .map(MessageRow::map)
        .list();
  }

  List<MessageRow> pageAfter(UUID conversationId, Instant afterCreatedAt, UUID afterId, int limit) {
    return handle
        .createQuery(PAGE_AFTER)
        .bind("conversationId", conversationId)
        .bind("afterCreatedAt", afterCreatedAt)
        .bind("afterId", afterId)
        .bind("limit", limit)
        .map(MessageRow::map)
        .list();
  }

  /** How many inbound messages, and the oldest; served by the conversation page index. */
  MessageStore.InboundSummary inboundSummary(UUID conversationId) {
    return handle
        .createQuery(
            "select (select count(*) from sms_messages where conversation_id = :id"
                + " and direction = 'inbound') as count,"
                + " (select id from sms_messages where conversation_id = :id"
                + " and direction = 'inbound' order by created_at, id limit 1) as first_id")
        .bind("id", conversationId)
        .map(
            (rs, ctx) ->
                new MessageStore.InboundSummary(rs.getLong("count"), Columns.uuid(rs, "first_id")))
        .one();
  }

  int updateDelivery(
      UUID id, String sid, String status, String errorCode, String errorMessage, Instant at) {
    return handle
        .createUpdate(
            "update sms_messages set twilio_sid = coalesce(:sid, twilio_sid),"
                + " delivery_status = :status, error_code = coalesce(:errorCode, error_code),"
                + " error_message = coalesce(:errorMessage, error_message), updated_at = :at"
                + " where id = :id")
        .bind("id", id)
        .bind("sid", sid)
        .bind("status", status)
        .bind("errorCode", errorCode)
        .bind("errorMessage", errorMessage)
        .bind("at", at)
        .execute();
  }

  /** Duplicates hit one of the two partial unique indexes and insert nothing. */
  int appendStatusEvent(StatusEventRow row) {
    return insertEvent("sms_message_status_events", row, " on conflict do nothing");
  }

  /** Conflicting reports are all kept: the table has no unique index but its key. */
  void keepConflictingStatusEvent(StatusEventRow row) {
    insertEvent("sms_conflicting_status_events", row, "");
  }

  List<StatusEventRow> conflictingStatusEvents(UUID messageId) {
    return handle
        .createQuery(
            "select "
                + StatusEventRow.COLUMNS
                + " from sms_conflicting_status_events where message_id = :messageId"
                + " order by created_at, id")
        .bind("messageId", messageId)
        .map(StatusEventRow::map)
        .list();
  }

  private int insertEvent(String table, StatusEventRow row, String onConflict) {
    return handle
        .createUpdate(
            "insert into "
                + table
                + " (id, message_id, twilio_sid, event_status, error_code, recipient_opted_out,"
                + " raw_webhook_data, raw_webhook_body, created_at)"
                + " values (:id, :messageId, :twilioSid, :status, :errorCode, :recipientOptedOut,"
                + " cast(:rawWebhookData as jsonb), :rawWebhookBody, :createdAt)"
                + onConflict)
        .bind("id", row.id())
        .bindByType("messageId", row.messageId(), UUID.class)
        .bind("twilioSid", row.twilioSid())
        .bind("status", row.eventStatus())
        .bind("errorCode", row.errorCode())
        .bind("recipientOptedOut", row.recipientOptedOut())
        .bind("rawWebhookData", row.rawWebhookData())
        .bindByType("rawWebhookBody", row.rawWebhookBody(), byte[].class)
        .bind("createdAt", row.createdAt())
        .execute();
  }

  List<StatusEventRow> statusEvents(UUID messageId) {
    return handle
        .createQuery(SELECT_EVENTS + " where message_id = :messageId order by created_at, seq")
        .bind("messageId", messageId)
        .map(StatusEventRow::map)
        .list();
  }

  List<StatusEventRow> unattachedStatusEvents(String sid) {
    return handle
        .createQuery(
            SELECT_EVENTS
                + " where twilio_sid = :sid and message_id is null order by created_at, seq")
        .bind("sid", sid)
        .map(StatusEventRow::map)
        .list();
  }

  /**
   * Attaches the SID's unattached events, except those whose status the message already has (they
   * stay unattached rather than break the one-status-per-message rule).
   */
  int attachStatusEvents(String sid, UUID messageId) {
    return handle
        .createUpdate(
            "update sms_message_status_events as e set message_id = :messageId"
                + " where e.twilio_sid = :sid and e.message_id is null"
                + " and not exists (select 1 from sms_message_status_events as d"
                + " where d.message_id = :messageId and d.event_status = e.event_status)")
        .bind("sid", sid)
        .bind("messageId", messageId)
        .execute();
  }
}
