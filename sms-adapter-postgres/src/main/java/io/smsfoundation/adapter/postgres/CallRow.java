package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallRoute;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.Direction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code sms_calls}, column for column; the form as JSON text and exact bytes. */
record CallRow(
    UUID id,
    String callSid,
    UUID conversationId,
    String tenantId,
    String fromNumber,
    String toNumber,
    String direction,
    String status,
    String routedDialer,
    String routedTo,
    String callerId,
    Integer dialTimeoutSeconds,
    String announcementLanguage,
    Instant receivedAt,
    Instant routedAt,
    Instant answeredAt,
    Instant endedAt,
    Integer durationSeconds,
    Long responseTimeMs,
    String rawWebhookData,
    byte[] rawWebhookBody,
    Instant updatedAt) {

  static final String COLUMNS =
      "id, call_sid, conversation_id, tenant_id, from_number, to_number, direction, status,"
          + " routed_dialer, routed_to, caller_id, dial_timeout_seconds, announcement_language,"
          + " received_at, routed_at, answered_at, ended_at, duration_seconds, response_time_ms,"
          + " raw_webhook_data, raw_webhook_body, updated_at";

  static CallRow map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    return new CallRow(
        Columns.uuid(rs, "id"),
        rs.getString("call_sid"),
        Columns.uuid(rs, "conversation_id"),
        rs.getString("tenant_id"),
        rs.getString("from_number"),
        rs.getString("to_number"),
        rs.getString("direction"),
        rs.getString("status"),
        rs.getString("routed_dialer"),
        rs.getString("routed_to"),
        rs.getString("caller_id"),
        rs.getObject("dial_timeout_seconds", Integer.class),
        rs.getString("announcement_language"),
        Columns.instant(rs, "received_at"),
        Columns.instant(rs, "routed_at"),
        Columns.instant(rs, "answered_at"),
        Columns.instant(rs, "ended_at"),
        rs.getObject("duration_seconds", Integer.class),
        rs.getObject("response_time_ms", Long.class),
        rs.getString("raw_webhook_data"),
        rs.getBytes("raw_webhook_body"),
        Columns.instant(rs, "updated_at"));
  }

  static CallRow of(Call call) {
    CallRoute.Dial dial = call.route() instanceof CallRoute.Dial d ? d : null;
    String announcement =
        call.route() instanceof CallRoute.Announcement a ? a.language().code() : null;
    return new CallRow(
        call.id(),
        call.callSid(),
        call.conversationId(),
        call.tenantId(),
        call.from(),
        call.to(),
        call.direction().code(),
        call.status().code(),
        dial == null ? null : dial.dialer(),
        dial == null ? null : dial.number(),
        dial == null ? null : dial.callerId(),
        dial == null ? null : dial.timeoutSeconds(),
        announcement,
        call.receivedAt(),
        call.routedAt(),
        call.answeredAt(),
        call.endedAt(),
        call.durationSeconds(),
        call.responseTimeMs(),
        Json.ofForm(call.rawWebhookData()),
        call.rawWebhookData().body().orElse(null),
        call.updatedAt());
  }

  Call toCall() {
    CallRoute route =
        routedDialer != null
            ? new CallRoute.Dial(routedDialer, routedTo, callerId, dialTimeoutSeconds)
            : new CallRoute.Announcement(Language.fromCode(announcementLanguage));
    return new Call(
        id,
        callSid,
        conversationId,
        tenantId,
        fromNumber,
        toNumber,
        Direction.fromCode(direction),
        CallStatus.of(status),
        route,
        receivedAt,
        routedAt,
        answeredAt,
        endedAt,
        durationSeconds,
        responseTimeMs,
        Json.toForm(rawWebhookData, rawWebhookBody),
        updatedAt);
  }
}
