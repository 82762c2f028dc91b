package io.smsfoundation.adapter.postgres;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code sms_conversations}; rows are read by {@link ConversationRow#map}. */
interface ConversationDao {

  default ConversationRow upsert(ConversationRow row) {
    return upsert(
        row.id(),
        row.phoneNumberCanonical(),
        row.phoneNumberOriginal(),
        row.phoneNumberKind(),
        row.tenantId(),
        row.workflowType(),
        row.workflowId(),
        row.languageDetected(),
        row.languageConfidence(),
        row.optedOut(),
        row.lastMessageAt(),
        row.createdAt(),
        row.updatedAt());
  }

  /**
   * One round trip, race-safe on the unique canonical number: a conflicting insert keeps the
   * existing row (first original number included) and only moves {@code last_message_at} forward.
   */
  @SqlQuery(
      "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
          + " phone_number_kind, tenant_id, workflow_type, workflow_id, language_detected,"
          + " language_confidence, opted_out, last_message_at, created_at, updated_at)"
          + " values (:id, :phoneNumberCanonical, :phoneNumberOriginal, :phoneNumberKind,"
          + " :tenantId, :workflowType, :workflowId, :languageDetected, :languageConfidence,"
          + " :optedOut, :lastMessageAt, :createdAt, :updatedAt)"
          + " on conflict (phone_number_canonical) do update set"
          + " last_message_at = greatest(sms_conversations.last_message_at,"
          + " excluded.last_message_at),"
          + " updated_at = case"
          + " when excluded.last_message_at > sms_conversations.last_message_at"
          + " or sms_conversations.last_message_at is null"
          + " then greatest(sms_conversations.updated_at, excluded.updated_at)"
          + " else sms_conversations.updated_at end"
          + " returning "
          + ConversationRow.COLUMNS)
  ConversationRow upsert(
      @Bind("id") UUID id,
      @Bind("phoneNumberCanonical") String phoneNumberCanonical,
      @Bind("phoneNumberOriginal") String phoneNumberOriginal,
      @Bind("phoneNumberKind") String phoneNumberKind,
      @Bind("tenantId") String tenantId,
      @Bind("workflowType") String workflowType,
      @Bind("workflowId") String workflowId,
      @Bind("languageDetected") String languageDetected,
      @Bind("languageConfidence") BigDecimal languageConfidence,
      @Bind("optedOut") boolean optedOut,
      @Bind("lastMessageAt") Instant lastMessageAt,
      @Bind("createdAt") Instant createdAt,
      @Bind("updatedAt") Instant updatedAt);

  @SqlQuery("select " + ConversationRow.COLUMNS + " from sms_conversations where id = :id")
  Optional<ConversationRow> findById(@Bind("id") UUID id);

  @SqlQuery(
      "select "
          + ConversationRow.COLUMNS
          + " from sms_conversations where phone_number_canonical = :canonical")
  Optional<ConversationRow> findByCanonical(@Bind("canonical") String canonical);

  @SqlUpdate(
      "update sms_conversations set tenant_id = :tenantId, updated_at = :at"
          + " where id = :id and tenant_id is null")
  int linkTenant(@Bind("id") UUID id, @Bind("tenantId") String tenantId, @Bind("at") Instant at);

  @SqlUpdate(
      "update sms_conversations set language_detected = :language,"
          + " language_confidence = :confidence, updated_at = :at where id = :id")
  int updateLanguage(
      @Bind("id") UUID id,
      @Bind("language") String language,
      @Bind("confidence") BigDecimal confidence,
      @Bind("at") Instant at);

  @SqlUpdate("update sms_conversations set opted_out = :optedOut, updated_at = :at where id = :id")
  int setOptedOut(@Bind("id") UUID id, @Bind("optedOut") boolean optedOut, @Bind("at") Instant at);

  @SqlUpdate(
      "update sms_conversations set workflow_type = :workflowType, workflow_id = :workflowId,"
          + " updated_at = :at where id = :id")
  int setWorkflow(
      @Bind("id") UUID id,
      @Bind("workflowType") String workflowType,
      @Bind("workflowId") String workflowId,
      @Bind("at") Instant at);

  @SqlQuery(
      "select "
          + ConversationRow.COLUMNS
          + " from sms_conversations"
          + " where tenant_id is null and last_message_at <= :before"
          + " order by last_message_at, id limit :limit")
  List<ConversationRow> findWithoutTenant(@Bind("before") Instant before, @Bind("limit") int limit);
}
