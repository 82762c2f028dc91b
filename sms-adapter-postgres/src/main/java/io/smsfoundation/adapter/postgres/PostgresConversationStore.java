package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ConversationStore} over {@code sms_conversations}. Writes join the caller's {@link
 * PostgresUnitOfWork}; the upsert is one {@code INSERT ... ON CONFLICT DO UPDATE} statement.
 * Thread-safe.
 */
public final class PostgresConversationStore implements ConversationStore {

  private final PostgresUnitOfWork unitOfWork;

  public PostgresConversationStore(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public Conversation upsert(Conversation candidate) {
    Objects.requireNonNull(candidate, "candidate");
    return unitOfWork
        .withDao(ConversationDao::new, dao -> dao.upsert(ConversationRow.of(candidate)))
        .toConversation();
  }

  @Override
  public Optional<Conversation> findById(UUID id) {
    Objects.requireNonNull(id, "id");
    return unitOfWork
        .withDao(ConversationDao::new, dao -> dao.findById(id))
        .map(ConversationRow::toConversation);
  }

  @Override
  public Optional<Conversation> findByCanonical(String canonical) {
    Objects.requireNonNull(canonical, "canonical");
    return unitOfWork
        .withDao(ConversationDao::new, dao -> dao.findByCanonical(canonical))
        .map(ConversationRow::toConversation);
  }

  @Override
  public boolean linkTenant(UUID id, String tenantId, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(at, "at");
    // the link and its history entry commit together, in the caller's transaction or in one of
    // their own
    return unitOfWork.inTransaction(
        tx ->
            unitOfWork.withDao(
                ConversationDao::new,
                dao -> {
                  if (dao.linkTenant(id, tenantId, at) == 0) {
                    return false;
                  }
                  dao.addTenantHistory(id, null, tenantId, TenantSource.DIRECTORY.code(), at);
                  return true;
                }));
  }

  @Override
  public boolean changeTenant(UUID id, TenantChange change, TenantSource source, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    return unitOfWork.inTransaction(
        tx ->
            unitOfWork.withDao(
                ConversationDao::new,
                dao -> {
                  if (dao.changeTenant(id, change.before(), change.after(), source.code(), at)
                      == 0) {
                    return false;
                  }
                  dao.addTenantHistory(id, change.before(), change.after(), source.code(), at);
                  return true;
                }));
  }

  @Override
  public void recordTenantCheck(UUID id, TenantCheck check) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(check, "check");
    unitOfWork.withDao(
        ConversationDao::new,
        dao -> dao.recordTenantCheck(id, check.checkedAt(), check.misses(), check.recheckAt()));
  }

  @Override
  public List<TenantHistoryEntry> tenantHistory(UUID id) {
    Objects.requireNonNull(id, "id");
    return unitOfWork.withDao(ConversationDao::new, dao -> dao.tenantHistory(id));
  }

  @Override
  public void updateLanguage(UUID id, LanguageDetection language, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(
        ConversationDao::new,
        dao ->
            dao.updateLanguage(id, language.language().code(), Numbers.confidence(language), at));
  }

  @Override
  public boolean setOptedOut(UUID id, boolean optedOut, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return unitOfWork.withDao(ConversationDao::new, dao -> dao.setOptedOut(id, optedOut, at)) > 0;
  }

  @Override
  public void recordActivity(UUID id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(ConversationDao::new, dao -> dao.recordActivity(id, at));
  }

  @Override
  public ConversationCounts counts() {
    // a scan of the whole table: it may take longer than the pool's statements may
    long[] counts =
        unitOfWork.withLongStatements(
            PostgresDataSources.SCAN_TIMEOUT, handle -> new ConversationDao(handle).counts());
    return new ConversationCounts(counts[0], counts[1]);
  }

  @Override
  public void setWorkflow(UUID id, String workflowType, String workflowId, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(
        ConversationDao::new, dao -> dao.setWorkflow(id, workflowType, workflowId, at));
  }

  @Override
  public List<Conversation> findDueForTenantLookup(
      Instant now, Instant lastMessageBefore, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lastMessageBefore, "lastMessageBefore");
    if (limit <= 0) {
      return List.of();
    }
    return unitOfWork
        .withDao(
            ConversationDao::new, dao -> dao.findDueForTenantLookup(now, lastMessageBefore, limit))
        .stream()
        .map(ConversationRow::toConversation)
        .toList();
  }

  @Override
  public Optional<Instant> leastRecentTenantCheck() {
    return unitOfWork.withDao(ConversationDao::new, ConversationDao::leastRecentTenantCheck);
  }
}
