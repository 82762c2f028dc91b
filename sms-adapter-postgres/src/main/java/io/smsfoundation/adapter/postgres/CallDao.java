package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.call.CallStatusEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of {@code sms_calls} and {@code sms_call_status_events}, on one handle. */
final class CallDao {

  private static final String SELECT = "select " + CallRow.COLUMNS + " from sms_calls";

  /**
   * Race-safe: a concurrent or later insert with the same CallSid or id waits for the first to
   * commit and then inserts nothing (0 rows).
   */
  static final String INSERT =
      "insert into sms_calls (id, call_sid, conversation_id, tenant_id, from_number, to_number,"
          + " direction, status, routed_dialer, routed_to, caller_id, dial_timeout_seconds,"
          + " announcement_language, received_at, routed_at, answered_at, ended_at,"
          + " duration_seconds, response_time_ms, raw_webhook_data, raw_webhook_body,"
          + " created_at, updated_at)"
          + " values (:id, :callSid, :conversationId, :tenantId, :fromNumber, :toNumber,"
          + " :direction, :status, :routedDialer, :routedTo, :callerId, :dialTimeoutSeconds,"
          + " :announcementLanguage, :receivedAt, :routedAt, :answeredAt, :endedAt,"
          + " :durationSeconds, :responseTimeMs, cast(:rawWebhookData as jsonb),"
          + " :rawWebhookBody, :receivedAt, :updatedAt)"
          + " on conflict do nothing";

  private final Handle handle;

  CallDao(Handle handle) {
    this.handle = handle;
  }

  int insert(CallRow row) {
    return handle
        .createUpdate(INSERT)
        .bind("id", row.id())
        .bind("callSid", row.callSid())
        .bind("conversationId", row.conversationId())
        .bind("tenantId", row.tenantId())
        .bind("fromNumber", row.fromNumber())
        .bind("toNumber", row.toNumber())
        .bind("direction", row.direction())
        .bind("status", row.status())
        .bind("routedDialer", row.routedDialer())
        .bind("routedTo", row.routedTo())
        .bind("callerId", row.callerId())
        .bindByType("dialTimeoutSeconds", row.dialTimeoutSeconds(), Integer.class)
        .bind("announcementLanguage", row.announcementLanguage())
        .bind("receivedAt", row.receivedAt())
        .bind("routedAt", row.routedAt())
        .bind("answeredAt", row.answeredAt())
        .bind("endedAt", row.endedAt())
        .bindByType("durationSeconds", row.durationSeconds(), Integer.class)
        .bindByType("responseTimeMs", row.responseTimeMs(), Long.class)
        .bind("rawWebhookData", row.rawWebhookData())
        .bindByType("rawWebhookBody", row.rawWebhookBody(), byte[].class)
        .bind("updatedAt", row.updatedAt())
        .execute();
  }

  Optional<CallRow> one(String where, String name, Object value) {
    return handle
        .createQuery(SELECT + " where " + where)
        .bind(name, value)
        .map(CallRow::map)
        .findOne();
  }

  int updateStatus(Call call) {
    return handle
        .createUpdate(
            "update sms_calls set status = :status, answered_at = :answeredAt,"
                + " ended_at = :endedAt, duration_seconds = :duration, updated_at = :at"
                + " where id = :id")
        .bind("id", call.id())
        .bind("status", call.status().code())
        .bind("answeredAt", call.answeredAt())
        .bind("endedAt", call.endedAt())
        .bindByType("duration", call.durationSeconds(), Integer.class)
        .bind("at", call.updatedAt())
        .execute();
  }

  /** One statement for the whole batch: the ids and times as two arrays. */
  int recordResponseTimes(Map<UUID, Long> millisByCall) {
    UUID[] ids = new UUID[millisByCall.size()];
    Long[] millis = new Long[millisByCall.size()];
    int i = 0;
    for (Map.Entry<UUID, Long> time : millisByCall.entrySet()) {
      ids[i] = time.getKey();
      millis[i++] = time.getValue();
    }
    return handle
        .createUpdate(
            "update sms_calls c set response_time_ms = t.millis"
                + " from unnest(:ids, :millis) as t(id, millis)"
                + " where c.id = t.id and c.response_time_ms is null")
        .bindByType("ids", ids, UUID[].class)
        .bindByType("millis", millis, Long[].class)
        .execute();
  }

  void appendStatusEvent(CallStatusEvent event) {
    handle
        .createUpdate(
            "insert into sms_call_status_events (id, call_id, event_status, duration_seconds,"
                + " raw_webhook_data, raw_webhook_body, created_at)"
                + " values (:id, :callId, :status, :duration, cast(:raw as jsonb), :body, :at)")
        .bind("id", event.id())
        .bind("callId", event.callId())
        .bind("status", event.status().code())
        .bindByType("duration", event.durationSeconds(), Integer.class)
        .bind("raw", Json.ofForm(event.rawWebhookData()))
        .bindByType("body", event.rawWebhookData().body().orElse(null), byte[].class)
        .bind("at", event.createdAt())
        .execute();
  }

  List<CallStatusEvent> statusEvents(UUID callId) {
    return handle
        .createQuery(
            "select id, call_id, event_status, duration_seconds, raw_webhook_data,"
                + " raw_webhook_body, created_at from sms_call_status_events"
                + " where call_id = :callId order by seq")
        .bind("callId", callId)
        .map(
            (rs, ctx) ->
                new CallStatusEvent(
                    Columns.uuid(rs, "id"),
                    Columns.uuid(rs, "call_id"),
                    CallStatus.of(rs.getString("event_status")),
                    rs.getObject("duration_seconds", Integer.class),
                    Json.toForm(rs.getString("raw_webhook_data"), rs.getBytes("raw_webhook_body")),
                    Columns.instant(rs, "created_at")))
        .list();
  }

  /** Newest first; served by {@code sms_calls_conversation_page_idx}. */
  List<CallRow> page(UUID conversationId, Instant afterReceivedAt, UUID afterId, int limit) {
    String sql =
        SELECT
            + " where conversation_id = :conversationId"
            + (afterId == null ? "" : " and (received_at, id) < (:afterReceivedAt, :afterId)")
            + " order by received_at desc, id desc limit :limit";
    var query = handle.createQuery(sql).bind("conversationId", conversationId).bind("limit", limit);
    if (afterId != null) {
      query.bind("afterReceivedAt", afterReceivedAt).bind("afterId", afterId);
    }
    return query.map(CallRow::map).list();
  }
}
