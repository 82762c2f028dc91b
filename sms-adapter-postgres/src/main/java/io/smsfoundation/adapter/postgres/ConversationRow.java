package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** One row of {@code sms_conversations}, column for column. */
record ConversationRow(
    UUID id,
    String phoneNumberCanonical,
    String phoneNumberOriginal,
    String phoneNumberKind,
    String tenantId,
    String workflowType,
    String workflowId,
    String languageDetected,
    BigDecimal languageConfidence,
    boolean optedOut,
    Instant lastMessageAt,
    Instant createdAt,
    Instant updatedAt,
    String tenantSource,
    Instant tenantCheckedAt,
    int tenantCheckMisses,
    Instant tenantRecheckAt) {

  static final String COLUMNS =
      "id, phone_number_canonical, phone_number_original, phone_number_kind, tenant_id,"
          + " workflow_type, workflow_id, language_detected, language_confidence, opted_out,"
          + " last_message_at, created_at, updated_at, tenant_source, tenant_checked_at,"
          + " tenant_check_misses, tenant_recheck_at";

  /** The row mapper, registered on the Jdbi instance. */
  static ConversationRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ConversationRow(
        Columns.uuid(rs, "id"),
        rs.getString("phone_number_canonical"),
        rs.getString("phone_number_original"),
        rs.getString("phone_number_kind"),
        rs.getString("tenant_id"),
        rs.getString("workflow_type"),
        rs.getString("workflow_id"),
        rs.getString("language_detected"),
        rs.getBigDecimal("language_confidence"),
        rs.getBoolean("opted_out"),
        Columns.instant(rs, "last_message_at"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"),
        rs.getString("tenant_source"),
        Columns.instant(rs, "tenant_checked_at"),
        rs.getInt("tenant_check_misses"),
        Columns.instant(rs, "tenant_recheck_at"));
  }

  static ConversationRow of(Conversation conversation) {
    return new ConversationRow(
        conversation.id(),
        conversation.address().canonical(),
        conversation.address().original(),
        conversation.address().kind().code(),
        conversation.tenantId(),
        conversation.workflowType(),
        conversation.workflowId(),
        conversation.language().language().code(),
        Numbers.confidence(conversation.language()),
        conversation.optedOut(),
        conversation.lastMessageAt(),
        conversation.createdAt(),
        conversation.updatedAt(),
        conversation.tenantSource() == null ? null : conversation.tenantSource().code(),
        conversation.tenantCheck().checkedAt(),
        conversation.tenantCheck().misses(),
        conversation.tenantCheck().recheckAt());
  }

  Conversation toConversation() {
    return new Conversation(
        id,
        new Address(
            phoneNumberCanonical, phoneNumberOriginal, PhoneNumberKind.fromCode(phoneNumberKind)),
        tenantId,
        workflowType,
        workflowId,
        new LanguageDetection(
            Language.fromCode(languageDetected),
            languageConfidence == null ? 0.0 : languageConfidence.doubleValue()),
        optedOut,
        lastMessageAt,
        createdAt,
        updatedAt,
        TenantSource.fromCode(tenantSource),
        new TenantCheck(tenantCheckedAt, tenantCheckMisses, tenantRecheckAt));
  }
}
