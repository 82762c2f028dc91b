package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.MessageStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** {@link MessageStore} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryMessageStore implements MessageStore {

  private static final Comparator<Message> NEWEST_FIRST =
      Comparator.comparing(InMemoryMessageStore::keyOf, MessageKey.NEWEST_FIRST);

  private final InMemoryUnitOfWork db;
  private final Map<UUID, Message> byId = new HashMap<>();
  private final Map<String, UUID> bySid = new HashMap<>();
  private final Map<String, UUID> byIdempotencyKey = new HashMap<>();
  private final List<StatusEvent> events = new ArrayList<>();
  private final List<StatusEvent> conflicting = new ArrayList<>();
  private final Map<String, Claim> claims = new HashMap<>();

  private record Claim(UUID owner, Instant until) {}

  public InMemoryMessageStore(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public boolean insert(Message message) {
    return db.locked(
        () -> {
          if (byId.containsKey(message.id())
              || (message.twilioSid() != null && bySid.containsKey(message.twilioSid()))
              || (message.idempotencyKey() != null
                  && byIdempotencyKey.containsKey(message.idempotencyKey()))) {
            return false;
          }
          byId.put(message.id(), message);
          index(message);
          db.onRollback(
              () -> {
                byId.remove(message.id());
                unindex(message);
              });
          return true;
        });
  }

  @Override
  public Optional<Message> findById(UUID id) {
    return db.locked(() -> Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Optional<Message> findBySid(String twilioSid) {
    return db.locked(() -> Optional.ofNullable(bySid.get(twilioSid)).map(byId::get));
  }

  @Override
  public Optional<Message> findByIdempotencyKey(String idempotencyKey) {
    return db.locked(
        () -> Optional.ofNullable(byIdempotencyKey.get(idempotencyKey)).map(byId::get));
  }

  /** Every store call already holds the unit of work's lock for the whole transaction. */
  @Override
  public Optional<Message> lockById(UUID id) {
    return findById(id);
  }

  @Override
  public Optional<Message> lockBySid(String twilioSid) {
    return findBySid(twilioSid);
  }

  @Override
  public List<Message> page(UUID conversationId, Optional<MessageKey> after, int limit) {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(m -> m.conversationId().equals(conversationId))
                .filter(
                    m ->
                        after
                            .map(a -> MessageKey.NEWEST_FIRST.compare(keyOf(m), a) > 0)
                            .orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList());
  }

  @Override
  public InboundSummary inboundSummary(UUID conversationId) {
    return db.locked(
        () -> {
          List<Message> inbound =
              byId.values().stream()
                  .filter(m -> m.conversationId().equals(conversationId))
                  .filter(m -> m.direction() == Direction.INBOUND)
                  .sorted(NEWEST_FIRST.reversed())
                  .toList();
          return new InboundSummary(
              inbound.size(), inbound.isEmpty() ? null : inbound.getFirst().id());
        });
  }

  @Override
  public int repliesSince(UUID conversationId, Instant since) {
    return db.locked(
        () -> (int) replies(conversationId).filter(m -> !m.createdAt().isBefore(since)).count());
  }

  @Override
  public Optional<Instant> lastReplyOfRule(UUID conversationId, String rule) {
    return db.locked(
        () ->
            replies(conversationId)
                .filter(m -> rule.equals(m.replyOrigin().rule()))
                .map(Message::createdAt)
                .max(Comparator.naturalOrder()));
  }

  @Override
  public List<Message> repliesTo(UUID inboundId) {
    return db.locked(
        () ->
            byId.values().stream()
                .filter(m -> m.replyOrigin() != null)
                .filter(m -> m.replyOrigin().replyTo().equals(inboundId))
                .sorted(NEWEST_FIRST.reversed())
                .toList());
  }

  private Stream<Message> replies(UUID conversationId) {
    return byId.values().stream()
        .filter(m -> m.conversationId().equals(conversationId))
        .filter(m -> m.replyOrigin() != null);
  }

  @Override
  public void updateDelivery(UUID messageId, DeliveryUpdate update) {
    db.locked(
        () -> {
          Message before = byId.get(messageId);
          if (before == null) {
            return null;
          }
          Message after =
              before.withDelivery(
                  update.twilioSid(),
                  update.status(),
                  update.errorCode() == null ? before.errorCode() : update.errorCode(),
                  update.errorMessage() == null ? before.errorMessage() : update.errorMessage(),
                  update.at());
          if (after.twilioSid() != null
              && !after.twilioSid().equals(before.twilioSid())
              && bySid.containsKey(after.twilioSid())) {
            throw new IllegalStateException("another message already has this SID");
          }
          byId.put(messageId, after);
          unindex(before);
          index(after);
          db.onRollback(
              () -> {
                byId.put(messageId, before);
                unindex(after);
                index(before);
              });
          return null;
        });
  }

  @Override
  public boolean appendStatusEvent(StatusEvent event) {
    return db.locked(
        () -> {
          boolean duplicate =
              events.stream()
                  .anyMatch(
                      e ->
                          e.status().equals(event.status())
                              && (event.messageId() != null
                                  ? event.messageId().equals(e.messageId())
                                  : e.messageId() == null
                                      && Objects.equals(e.twilioSid(), event.twilioSid())));
          if (duplicate) {
            return false;
          }
          events.add(event);
          db.onRollback(() -> events.remove(event));
          return true;
        });
  }

  @Override
  public List<StatusEvent> statusEvents(UUID messageId) {
    return db.locked(
        () ->
            events.stream()
                .filter(e -> messageId.equals(e.messageId()))
                .sorted(Comparator.comparing(StatusEvent::createdAt))
                .toList());
  }

  @Override
  public List<StatusEvent> unattachedStatusEvents(String twilioSid) {
    return db.locked(
        () ->
            events.stream()
                .filter(e -> e.messageId() == null && twilioSid.equals(e.twilioSid()))
                .sorted(Comparator.comparing(StatusEvent::createdAt))
                .toList());
  }

  @Override
  public void attachStatusEvents(String twilioSid, UUID messageId) {
    db.locked(
        () -> {
          for (int i = 0; i < events.size(); i++) {
            StatusEvent e = events.get(i);
            if (e.messageId() == null && twilioSid.equals(e.twilioSid())) {
              StatusEvent attached = e.attachedTo(messageId);
              int index = i;
              events.set(index, attached);
              db.onRollback(() -> events.set(index, e));
            }
          }
          return null;
        });
  }

  @Override
  public void keepConflictingStatusEvent(StatusEvent event) {
    db.locked(
        () -> {
          conflicting.add(event);
          db.onRollback(() -> conflicting.remove(event));
          return null;
        });
  }

  @Override
  public List<StatusEvent> conflictingStatusEvents(UUID messageId) {
    return db.locked(
        () ->
            conflicting.stream()
                .filter(e -> messageId.equals(e.messageId()))
                .sorted(Comparator.comparing(StatusEvent::createdAt))
                .toList());
  }

  @Override
  public boolean claimIdempotencyKey(
      String idempotencyKey, UUID owner, Instant until, Instant now) {
    return db.locked(
        () -> {
          Claim held = claims.get(idempotencyKey);
          if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
            return false;
          }
          claims.put(idempotencyKey, new Claim(owner, until));
          return true;
        });
  }

  @Override
  public void releaseIdempotencyKey(String idempotencyKey, UUID owner) {
    db.locked(
        () -> {
          Claim held = claims.get(idempotencyKey);
          if (held != null && held.owner().equals(owner)) {
            claims.remove(idempotencyKey);
          }
          return null;
        });
  }

  private void index(Message message) {
    if (message.twilioSid() != null) {
      bySid.put(message.twilioSid(), message.id());
    }
    if (message.idempotencyKey() != null) {
      byIdempotencyKey.put(message.idempotencyKey(), message.id());
    }
  }

  private void unindex(Message message) {
    if (message.twilioSid() != null) {
      bySid.remove(message.twilioSid(), message.id());
    }
    if (message.idempotencyKey() != null) {
      byIdempotencyKey.remove(message.idempotencyKey(), message.id());
    }
  }

  private static MessageKey keyOf(Message message) {
    return new MessageKey(message.createdAt(), message.id());
  }
}
