package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** {@link ConversationStore} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryConversationStore implements ConversationStore {

  private final InMemoryUnitOfWork db;
  private final Map<UUID, Conversation> byId = new HashMap<>();
  private final Map<String, UUID> byCanonical = new HashMap<>();
  private final Map<UUID, List<TenantHistoryEntry>> history = new HashMap<>();

  public InMemoryConversationStore(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Conversation upsert(Conversation candidate) {
    return db.locked(
        () -> {
          UUID existingId = byCanonical.get(candidate.address().canonical());
          if (existingId == null) {
            byId.put(candidate.id(), candidate);
            byCanonical.put(candidate.address().canonical(), candidate.id());
            db.onRollback(
                () -> {
                  byId.remove(candidate.id());
                  byCanonical.remove(candidate.address().canonical());
                });
            return candidate;
          }
          return change(
              existingId,
              c ->
                  c.withLastMessageAt(
                      latest(c.lastMessageAt(), candidate.lastMessageAt()), candidate.updatedAt()));
        });
  }

  @Override
  public Optional<Conversation> findById(UUID id) {
    return db.locked(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<Conversation> findByCanonical(String canonical) {
    return db.locked(() -> Optional.ofNullable(byCanonical.get(canonical)).map(byId::get));
  }

  @Override
  public void recordActivity(UUID id, Instant at) {
    db.locked(
        () -> {
          Conversation c = byId.get(id);
          if (c != null && (c.lastMessageAt() == null || at.isAfter(c.lastMessageAt()))) {
            change(id, x -> x.withLastMessageAt(at, latest(x.updatedAt(), at)));
          }
          return null;
        });
  }

  @Override
  public ConversationCounts counts() {
    return db.locked(
        () -> {
          long withTenant = byId.values().stream().filter(Conversation::hasTenant).count();
          return new ConversationCounts(withTenant, byId.size() - withTenant);
        });
  }

  @Override
  public boolean linkTenant(UUID id, String tenantId, Instant at) {
    return db.locked(
        () -> {
          Conversation c = byId.get(id);
          if (c == null || !c.needsTenantLookup()) {
            return false;
          }
          applyTenantChange(id, new TenantChange.Linked(tenantId), TenantSource.DIRECTORY, at);
          return true;
        });
  }

  @Override
  public boolean changeTenant(UUID id, TenantChange change, TenantSource source, Instant at) {
    return db.locked(
        () -> {
          Conversation c = byId.get(id);
          if (c == null
              || !Objects.equals(c.tenantId(), change.before())
              || (source == TenantSource.DIRECTORY && c.tenantSetByHand())) {
            return false;
          }
          applyTenantChange(id, change, source, at);
          return true;
        });
  }

  private void applyTenantChange(UUID id, TenantChange change, TenantSource source, Instant at) {
    change(id, x -> x.withTenantChange(change, source, at));
    List<TenantHistoryEntry> entries = history.computeIfAbsent(id, k -> new ArrayList<>());
    entries.add(new TenantHistoryEntry(change.before(), change.after(), source, at));
    db.onRollback(() -> entries.removeLast());
  }

  @Override
  public void recordTenantCheck(UUID id, TenantCheck check) {
    db.locked(() -> change(id, x -> x.withTenantCheck(check)));
  }

  @Override
  public List<TenantHistoryEntry> tenantHistory(UUID id) {
    return db.locked(() -> List.copyOf(history.getOrDefault(id, List.of())));
  }

  @Override
  public void updateLanguage(UUID id, LanguageDetection language, Instant at) {
    db.locked(() -> change(id, x -> x.withLanguage(language, at)));
  }

  @Override
  public boolean setOptedOut(UUID id, boolean optedOut, Instant at) {
    return db.locked(
        () -> {
          Conversation c = byId.get(id);
          if (c == null || c.optedOut() == optedOut) {
            return false;
          }
          change(id, x -> x.withOptedOut(optedOut, at));
          return true;
        });
  }

  @Override
  public void setWorkflow(UUID id, String workflowType, String workflowId, Instant at) {
    db.locked(() -> change(id, x -> x.withWorkflow(workflowType, workflowId, at)));
  }

  @Override
  public List<Conversation> findDueForTenantLookup(
      Instant now, Instant lastMessageBefore, int limit) {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(Conversation::needsTenantLookup)
                .filter(
                    c ->
                        c.tenantCheck().recheckAt() == null
                            || !c.tenantCheck().recheckAt().isAfter(now))
                .filter(
                    c -> c.lastMessageAt() == null || !c.lastMessageAt().isAfter(lastMessageBefore))
                .sorted(LEAST_RECENTLY_CHECKED)
                .limit(limit)
                .toList());
  }

  @Override
  public Optional<Instant> leastRecentTenantCheck() {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(Conversation::needsTenantLookup)
                .min(LEAST_RECENTLY_CHECKED)
                .map(
                    c ->
                        c.tenantCheck().checkedAt() == null
                            ? c.createdAt()
                            : c.tenantCheck().checkedAt()));
  }

  /** Never checked first, then by last check; ties by id, as the PostgreSQL index orders them. */
  private static final Comparator<Conversation> LEAST_RECENTLY_CHECKED =
      Comparator.comparing(
              (Conversation c) -> c.tenantCheck().checkedAt(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Conversation::id);

  /** Replaces a conversation, remembering the old one for a rollback; unknown ids are ignored. */
  private Conversation change(UUID id, UnaryOperator<Conversation> update) {
    Conversation before = byId.get(id);
    if (before == null) {
      return null;
    }
    Conversation after = update.apply(before);
    byId.put(id, after);
    db.onRollback(() -> byId.put(id, before));
    return after;
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }
}
