package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL of {@code sms_conversations}, on one handle. */
final class ConversationDao {

  private static final String SELECT =
      "select " + ConversationRow.COLUMNS + " from sms_conversations";

  /**
   * One round trip, race-safe on the unique canonical number: a conflicting insert keeps the
   * existing row (first original number included) and only moves {@code last_message_at} forward.
   */
  static final String UPSERT =
      "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
          + " phone_number_kind, tenant_id, workflow_type, workflow_id, language_detected,"
          + " language_confidence, opted_out, last_message_at, created_at, updated_at,"
          + " tenant_source, tenant_checked_at, tenant_check_misses, tenant_recheck_at)"
          + " values (:id, :canonical, :original, :kind, :tenantId, :workflowType, :workflowId,"
          + " :language, :confidence, :optedOut, :lastMessageAt, :createdAt, :updatedAt,"
          + " :tenantSource, :tenantCheckedAt, :tenantCheckMisses, :tenantRecheckAt)"
          + " on conflict (phone_number_canonical) do update set"
          + " last_message_at = greatest(sms_conversations.last_message_at,"
          + " excluded.last_message_at),"
          + " updated_at = case"
          + " when excluded.last_message_at > sms_conversations.last_message_at"
          + " or sms_conversations.last_message_at is null"
          + " then greatest(sms_conversations.updated_at, excluded.updated_at)"
          + " else sms_conversations.updated_at end"
          + " returning "
          + ConversationRow.COLUMNS;

  private final Handle handle;

  ConversationDao(Handle handle) {
    this.handle = handle;
  }

  ConversationRow upsert(ConversationRow row) {
    return handle
        .createQuery(UPSERT)
        .bind("id", row.id())
        .bind("canonical", row.phoneNumberCanonical())
        .bind("original", row.phoneNumberOriginal())
        .bind("kind", row.phoneNumberKind())
        .bind("tenantId", row.tenantId())
        .bind("workflowType", row.workflowType())
        .bind("workflowId", row.workflowId())
        .bind("language", row.languageDetected())
        .bind("confidence", row.languageConfidence())
        .bind("optedOut", row.optedOut())
        .bind("lastMessageAt", row.lastMessageAt())
        .bind("createdAt", row.createdAt())
        .bind("updatedAt", row.updatedAt())
        .bind("tenantSource", row.tenantSource())
        .bind("tenantCheckedAt", row.tenantCheckedAt())
        .bind("tenantCheckMisses", row.tenantCheckMisses())
        .bind("tenantRecheckAt", row.tenantRecheckAt())
        .map(ConversationRow::map)
        .one();
  }

  Optional<ConversationRow> findById(UUID id) {
    return handle
        .createQuery(SELECT + " where id = :id")
        .bind("id", id)
        .map(ConversationRow::map)
        .findOne();
  }

  Optional<ConversationRow> findByCanonical(String canonical) {
    return handle
        .createQuery(SELECT + " where phone_number_canonical = :canonical")
        .bind("canonical", canonical)
        .map(ConversationRow::map)
        .findOne();
  }

  /** A directory's first link: only while there is no tenant and nobody said so by hand. */
  int linkTenant(UUID id, String tenantId, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set tenant_id = :tenantId, tenant_source = 'directory',"
                + " tenant_checked_at = :at, tenant_check_misses = 0, tenant_recheck_at = null,"
                + " updated_at = :at"
                + " where id = :id and tenant_id is null"
                + " and tenant_source is distinct from 'manual'")
        .bind("id", id)
        .bind("tenantId", tenantId)
        .bind("at", at)
        .execute();
  }

  /**
   * A change of tenant, only while the tenant is still {@code before}; the directory never changes
   * a link set by hand.
   */
  int changeTenant(UUID id, String before, String after, String source, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set tenant_id = :after, tenant_source = :source,"
                + " tenant_checked_at = :at, tenant_check_misses = 0, tenant_recheck_at = null,"
                + " updated_at = :at"
                + " where id = :id and tenant_id is not distinct from :before"
                + " and (:source = 'manual' or tenant_source is distinct from 'manual')")
        .bind("id", id)
        .bind("before", before)
        .bind("after", after)
        .bind("source", source)
        .bind("at", at)
        .execute();
  }

  int addTenantHistory(UUID id, String before, String after, String source, Instant at) {
    return handle
        .createUpdate(
            "insert into sms_conversation_tenant_history"
                + " (conversation_id, old_tenant_id, new_tenant_id, source, created_at)"
                + " values (:id, :before, :after, :source, :at)")
        .bind("id", id)
        .bind("before", before)
        .bind("after", after)
        .bind("source", source)
        .bind("at", at)
        .execute();
  }

  List<TenantHistoryEntry> tenantHistory(UUID id) {
    return handle
        .createQuery(
            "select old_tenant_id, new_tenant_id, source, created_at"
                + " from sms_conversation_tenant_history where conversation_id = :id order by seq")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new TenantHistoryEntry(
                    rs.getString("old_tenant_id"),
                    rs.getString("new_tenant_id"),
                    TenantSource.fromCode(rs.getString("source")),
                    Columns.instant(rs, "created_at")))
        .list();
  }

  int recordTenantCheck(UUID id, Instant checkedAt, int misses, Instant recheckAt) {
    return handle
        .createUpdate(
            "update sms_conversations set tenant_checked_at = :checkedAt,"
                + " tenant_check_misses = :misses, tenant_recheck_at = :recheckAt where id = :id")
        .bind("id", id)
        .bind("checkedAt", checkedAt)
        .bind("misses", misses)
        .bind("recheckAt", recheckAt)
        .execute();
  }

  int updateLanguage(UUID id, String language, BigDecimal confidence, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set language_detected = :language,"
                + " language_confidence = :confidence, updated_at = :at where id = :id")
        .bind("id", id)
        .bind("language", language)
        .bind("confidence", confidence)
        .bind("at", at)
        .execute();
  }

  int setOptedOut(UUID id, boolean optedOut, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set opted_out = :optedOut, updated_at = :at"
                + " where id = :id and opted_out <> :optedOut")
        .bind("id", id)
        .bind("optedOut", optedOut)
        .bind("at", at)
        .execute();
  }

  int recordActivity(UUID id, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set last_message_at = :at,"
                + " updated_at = greatest(updated_at, :at)"
                + " where id = :id and (last_message_at is null or last_message_at < :at)")
        .bind("id", id)
        .bind("at", at)
        .execute();
  }

  /** With tenant, without; one scan of the table. */
  long[] counts() {
    return handle
        .createQuery(
            "select count(*) filter (where tenant_id is not null),"
                + " count(*) filter (where tenant_id is null) from sms_conversations")
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .one();
  }

  int setWorkflow(UUID id, String workflowType, String workflowId, Instant at) {
    return handle
        .createUpdate(
            "update sms_conversations set workflow_type = :workflowType,"
                + " workflow_id = :workflowId, updated_at = :at where id = :id")
        .bind("id", id)
        .bind("workflowType", workflowType)
        .bind("workflowId", workflowId)
        .bind("at", at)
        .execute();
  }

  /**
   * Served by the partial index {@code sms_conversations_tenant_check_idx}, read in its order until
   * {@code limit} rows pass the filters.
   */
  List<ConversationRow> findDueForTenantLookup(Instant now, Instant before, int limit) {
    return handle
        .createQuery(
            SELECT
                + " where tenant_id is null and tenant_source is distinct from 'manual'"
                + " and (tenant_recheck_at is null or tenant_recheck_at <= :now)"
                + " and (last_message_at is null or last_message_at <= :before)"
                + " order by tenant_checked_at nulls first, id limit :limit")
        .bind("now", now)
        .bind("before", before)
        .bind("limit", limit)
        .map(ConversationRow::map)
        .list();
  }

  /** The first row of {@code sms_conversations_tenant_check_idx} that still needs a lookup. */
  Optional<Instant> leastRecentTenantCheck() {
    return handle
        .createQuery(
            "select coalesce(tenant_checked_at, created_at) as checked from sms_conversations"
                + " where tenant_id is null and tenant_source is distinct from 'manual'"
                + " order by tenant_checked_at nulls first, id limit 1")
        .map((rs, ctx) -> Columns.instant(rs, "checked"))
        .findOne();
  }
}
