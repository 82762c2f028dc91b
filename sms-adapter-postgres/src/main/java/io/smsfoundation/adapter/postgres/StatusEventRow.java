package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.StatusEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One row of {@code sms_message_status_events}, or of {@code sms_conflicting_status_events}, which
 * has the same columns (its {@code message_id} is never null).
 */
record StatusEventRow(
    UUID id,
    UUID messageId,
    String twilioSid,
    String eventStatus,
    String errorCode,
    boolean recipientOptedOut,
    String rawWebhookData,
    byte[] rawWebhookBody,
    Instant createdAt) {

  static final String COLUMNS =
      "id, message_id, twilio_sid, event_status, error_code, recipient_opted_out,"
          + " raw_webhook_data, raw_webhook_body, created_at";

  /** The row mapper, registered on the Jdbi instance. */
  static StatusEventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StatusEventRow(
        Columns.uuid(rs, "id"),
        Columns.uuid(rs, "message_id"),
        rs.getString("twilio_sid"),
        rs.getString("event_status"),
        rs.getString("error_code"),
        rs.getBoolean("recipient_opted_out"),
        rs.getString("raw_webhook_data"),
        rs.getBytes("raw_webhook_body"),
        Columns.instant(rs, "created_at"));
  }

  static StatusEventRow of(StatusEvent event) {
    return new StatusEventRow(
        event.id(),
        event.messageId(),
        event.twilioSid(),
        event.status().code(),
        event.errorCode(),
        event.recipientOptedOut(),
        Json.ofForm(event.rawWebhookData()),
        event.rawWebhookData().body().orElse(null),
        event.createdAt());
  }

  StatusEvent toStatusEvent() {
    return new StatusEvent(
        id,
        messageId,
        twilioSid,
        DeliveryStatus.of(eventStatus),
        errorCode,
        recipientOptedOut,
        Json.toForm(rawWebhookData, rawWebhookBody),
        createdAt);
  }
}
