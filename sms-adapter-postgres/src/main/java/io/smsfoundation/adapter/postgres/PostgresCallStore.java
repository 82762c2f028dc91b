package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.MessageKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CallStore} over {@code sms_calls} and {@code sms_call_status_events}. Inserts are
 * race-safe through the unique CallSid and {@code INSERT ... ON CONFLICT DO NOTHING}; the lock
 * methods are {@code SELECT ... FOR UPDATE}. Writes join the caller's {@link PostgresUnitOfWork}.
 * Thread-safe.
 */
public final class PostgresCallStore implements CallStore {

  private final PostgresUnitOfWork unitOfWork;

  public PostgresCallStore(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public boolean insert(Call call) {
    Objects.requireNonNull(call, "call");
    return unitOfWork.withDao(CallDao::new, dao -> dao.insert(CallRow.of(call))) > 0;
  }

  @Override
  public Optional<Call> findById(UUID id) {
    Objects.requireNonNull(id, "id");
    return find("id = :value", id);
  }

  @Override
  public Optional<Call> findBySid(String callSid) {
    Objects.requireNonNull(callSid, "callSid");
    return find("call_sid = :value", callSid);
  }

  @Override
  public Optional<Call> lockById(UUID id) {
    Objects.requireNonNull(id, "id");
    return find("id = :value for update", id);
  }

  @Override
  public Optional<Call> lockBySid(String callSid) {
    Objects.requireNonNull(callSid, "callSid");
    return find("call_sid = :value for update", callSid);
  }

  private Optional<Call> find(String where, Object value) {
    return unitOfWork
        .withDao(CallDao::new, dao -> dao.one(where, "value", value))
        .map(CallRow::toCall);
  }

  @Override
  public void updateStatus(Call call) {
    Objects.requireNonNull(call, "call");
    unitOfWork.withDao(CallDao::new, dao -> dao.updateStatus(call));
  }

  @Override
  public int recordResponseTimes(Map<UUID, Long> millisByCall) {
    Objects.requireNonNull(millisByCall, "millisByCall");
    if (millisByCall.isEmpty()) {
      return 0;
    }
    return unitOfWork.withDao(CallDao::new, dao -> dao.recordResponseTimes(millisByCall));
  }

  @Override
  public void appendStatusEvent(CallStatusEvent event) {
    Objects.requireNonNull(event, "event");
    unitOfWork.withDao(
        CallDao::new,
        dao -> {
          dao.appendStatusEvent(event);
          return null;
        });
  }

  @Override
  public List<CallStatusEvent> statusEvents(UUID callId) {
    Objects.requireNonNull(callId, "callId");
    return unitOfWork.withDao(CallDao::new, dao -> dao.statusEvents(callId));
  }

  @Override
  public List<Call> page(UUID conversationId, Optional<MessageKey> after, int limit) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(after, "after");
    if (limit <= 0) {
      return List.of();
    }
    return unitOfWork
        .withDao(
            CallDao::new,
            dao ->
                dao.page(
                    conversationId,
                    after.map(MessageKey::createdAt).orElse(null),
                    after.map(MessageKey::id).orElse(null),
                    limit))
        .stream()
        .map(CallRow::toCall)
        .toList();
  }
}
