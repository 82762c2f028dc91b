package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.MessageStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link MessageStore} over {@code sms_messages} and {@code sms_message_status_events}. Inserts are
 * race-safe through unique indexes and {@code INSERT ... ON CONFLICT DO NOTHING}; the lock methods
 * are {@code SELECT ... FOR UPDATE}. Writes join the caller's {@link PostgresUnitOfWork}.
 * Thread-safe.
 */
public final class PostgresMessageStore implements MessageStore {

  private final PostgresUnitOfWork unitOfWork;

  public PostgresMessageStore(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public boolean insert(Message message) {
    Objects.requireNonNull(message, "message");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.insert(MessageRow.of(message))) > 0;
  }

  @Override
  public Optional<Message> findById(UUID id) {
    Objects.requireNonNull(id, "id");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.findById(id)).map(MessageRow::toMessage);
  }

  @Override
  public Optional<Message> findBySid(String twilioSid) {
    Objects.requireNonNull(twilioSid, "twilioSid");
    return unitOfWork
        .withDao(MessageDao::new, dao -> dao.findBySid(twilioSid))
        .map(MessageRow::toMessage);
  }

  @Override
  public Optional<Message> findByIdempotencyKey(String idempotencyKey) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return unitOfWork
        .withDao(MessageDao::new, dao -> dao.findByIdempotencyKey(idempotencyKey))
        .map(MessageRow::toMessage);
  }

  @Override
  public Optional<Message> lockById(UUID id) {
    Objects.requireNonNull(id, "id");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.lockById(id)).map(MessageRow::toMessage);
  }

  @Override
  public Optional<Message> lockBySid(String twilioSid) {
    Objects.requireNonNull(twilioSid, "twilioSid");
    return unitOfWork
        .withDao(MessageDao::new, dao -> dao.lockBySid(twilioSid))
        .map(MessageRow::toMessage);
  }

  @Override
  public List<Message> page(UUID conversationId, Optional<MessageKey> after, int limit) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(after, "after");
    if (limit <= 0) {
      return List.of();
    }
    List<MessageRow> rows =
        unitOfWork.withDao(
            MessageDao::new,
            dao ->
                after.isPresent()
                    ? dao.pageAfter(
                        conversationId, after.get().createdAt(), after.get().id(), limit)
                    : dao.firstPage(conversationId, limit));
    return rows.stream().map(MessageRow::toMessage).toList();
  }

  @Override
  public InboundSummary inboundSummary(UUID conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.inboundSummary(conversationId));
  }

  @Override
  public int repliesSince(UUID conversationId, Instant since) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(since, "since");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.repliesSince(conversationId, since));
  }

  @Override
  public Optional<Instant> lastReplyOfRule(UUID conversationId, String rule) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(rule, "rule");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.lastReplyOfRule(conversationId, rule));
  }

  @Override
  public List<Message> repliesTo(UUID inboundId) {
    Objects.requireNonNull(inboundId, "inboundId");
    return unitOfWork.withDao(
        MessageDao::new,
        dao -> dao.repliesTo(inboundId).stream().map(MessageRow::toMessage).toList());
  }

  @Override
  public void updateDelivery(UUID messageId, DeliveryUpdate update) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(update, "update");
    unitOfWork.withDao(
        MessageDao::new,
        dao ->
            dao.updateDelivery(
                messageId,
                update.twilioSid(),
                update.status().code(),
                update.errorCode(),
                update.errorMessage(),
                update.at()));
  }

  @Override
  public boolean appendStatusEvent(StatusEvent event) {
    Objects.requireNonNull(event, "event");
    return unitOfWork.withDao(
            MessageDao::new, dao -> dao.appendStatusEvent(StatusEventRow.of(event)))
        > 0;
  }

  @Override
  public List<StatusEvent> statusEvents(UUID messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return unitOfWork.withDao(MessageDao::new, dao -> dao.statusEvents(messageId)).stream()
        .map(StatusEventRow::toStatusEvent)
        .toList();
  }

  @Override
  public List<StatusEvent> unattachedStatusEvents(String twilioSid) {
    Objects.requireNonNull(twilioSid, "twilioSid");
    return unitOfWork
        .withDao(MessageDao::new, dao -> dao.unattachedStatusEvents(twilioSid))
        .stream()
        .map(StatusEventRow::toStatusEvent)
        .toList();
  }

  @Override
  public void attachStatusEvents(String twilioSid, UUID messageId) {
    Objects.requireNonNull(twilioSid, "twilioSid");
    Objects.requireNonNull(messageId, "messageId");
    unitOfWork.withDao(MessageDao::new, dao -> dao.attachStatusEvents(twilioSid, messageId));
  }

  @Override
  public void keepConflictingStatusEvent(StatusEvent event) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(event.messageId(), "event.messageId");
    unitOfWork.withDao(
        MessageDao::new,
        dao -> {
          dao.keepConflictingStatusEvent(StatusEventRow.of(event));
          return null;
        });
  }

  @Override
  public List<StatusEvent> conflictingStatusEvents(UUID messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return unitOfWork
        .withDao(MessageDao::new, dao -> dao.conflictingStatusEvents(messageId))
        .stream()
        .map(StatusEventRow::toStatusEvent)
        .toList();
  }

  @Override
  public boolean claimIdempotencyKey(
      String idempotencyKey, UUID owner, Instant until, Instant now) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    return unitOfWork.withDao(
        MessageDao::new, dao -> dao.claimIdempotencyKey(idempotencyKey, owner, until, now));
  }

  @Override
  public void releaseIdempotencyKey(String idempotencyKey, UUID owner) {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    unitOfWork.withDao(
        MessageDao::new,
        dao -> {
          dao.releaseIdempotencyKey(idempotencyKey, owner);
          return null;
        });
  }
}
