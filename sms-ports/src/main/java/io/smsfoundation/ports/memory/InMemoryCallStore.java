package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.MessageKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link CallStore} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryCallStore implements CallStore {

  private static final Comparator<Call> NEWEST_FIRST =
      Comparator.comparing(InMemoryCallStore::keyOf, MessageKey.NEWEST_FIRST);

  private final InMemoryUnitOfWork db;
  private final Map<UUID, Call> byId = new HashMap<>();
  private final Map<String, UUID> bySid = new HashMap<>();
  private final List<CallStatusEvent> events = new ArrayList<>();

  public InMemoryCallStore(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public boolean insert(Call call) {
    Objects.requireNonNull(call, "call");
    return db.locked(
        () -> {
          if (byId.containsKey(call.id()) || bySid.containsKey(call.callSid())) {
            return false;
          }
          byId.put(call.id(), call);
          bySid.put(call.callSid(), call.id());
          db.onRollback(
              () -> {
                byId.remove(call.id());
                bySid.remove(call.callSid());
              });
          return true;
        });
  }

  @Override
  public Optional<Call> findById(UUID id) {
    return db.locked(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<Call> findBySid(String callSid) {
    return db.locked(() -> Optional.ofNullable(bySid.get(callSid)).map(byId::get));
  }

  /** Every store call already holds the unit of work's lock for the whole transaction. */
  @Override
  public Optional<Call> lockById(UUID id) {
    return findById(id);
  }

  @Override
  public Optional<Call> lockBySid(String callSid) {
    return findBySid(callSid);
  }

  @Override
  public void updateStatus(Call call) {
    db.locked(
        () -> {
          Call before = byId.get(call.id());
          if (before == null) {
            return null;
          }
          Call after =
              new Call(
                  before.id(),
                  before.callSid(),
                  before.conversationId(),
                  before.tenantId(),
                  before.from(),
                  before.to(),
                  before.direction(),
                  call.status(),
                  before.route(),
                  before.receivedAt(),
                  before.routedAt(),
                  call.answeredAt(),
                  call.endedAt(),
                  call.durationSeconds(),
                  before.responseTimeMs(),
                  before.rawWebhookData(),
                  call.updatedAt());
          byId.put(call.id(), after);
          db.onRollback(() -> byId.put(call.id(), before));
          return null;
        });
  }

  @Override
  public int recordResponseTimes(Map<UUID, Long> millisByCall) {
    return db.locked(
        () -> {
          int recorded = 0;
          for (Map.Entry<UUID, Long> time : millisByCall.entrySet()) {
            UUID id = time.getKey();
            Call before = byId.get(id);
            if (before == null || before.responseTimeMs() != null) {
              continue;
            }
            byId.put(id, before.withResponseTime(time.getValue()));
            db.onRollback(() -> byId.put(id, before));
            recorded++;
          }
          return recorded;
        });
  }

  @Override
  public void appendStatusEvent(CallStatusEvent event) {
    Objects.requireNonNull(event, "event");
    db.locked(
        () -> {
          events.add(event);
          db.onRollback(() -> events.remove(event));
          return null;
        });
  }

  @Override
  public List<CallStatusEvent> statusEvents(UUID callId) {
    return db.locked(
        () ->
            events.stream()
                .filter(e -> e.callId().equals(callId))
                .sorted(Comparator.comparing(CallStatusEvent::createdAt))
                .toList());
  }

  @Override
  public List<Call> page(UUID conversationId, Optional<MessageKey> after, int limit) {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(c -> c.conversationId().equals(conversationId))
                .filter(
                    c ->
                        after
                            .map(a -> MessageKey.NEWEST_FIRST.compare(keyOf(c), a) > 0)
                            .orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList());
  }

  private static MessageKey keyOf(Call call) {
    return new MessageKey(call.receivedAt(), call.id());
  }
}
