package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import java.time.Instant;
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
          if (c == null || c.tenantId() != null) {
            return false;
          }
          change(id, x -> x.withTenant(tenantId, at));
          return true;
        });
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
  public List<Conversation> findWithoutTenant(Instant lastMessageBefore, int limit) {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(c -> c.tenantId() == null)
                .filter(
                    c -> c.lastMessageAt() == null || !c.lastMessageAt().isAfter(lastMessageBefore))
                .sorted(
                    Comparator.comparing(
                            Conversation::lastMessageAt,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Conversation::id))
                .limit(limit)
                .toList());
  }

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
