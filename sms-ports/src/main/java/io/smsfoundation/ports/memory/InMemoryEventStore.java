package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.out.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EventStore} in memory: an event gets its position when its transaction commits, so the
 * feed only ever holds committed events in the order they became visible. Thread-safe through its
 * {@link InMemoryUnitOfWork}.
 */
public final class InMemoryEventStore implements EventStore {

  private final InMemoryUnitOfWork db;
  private final List<Event> feed = new ArrayList<>();
  private final Map<String, Event> byId = new ConcurrentHashMap<>();

  public InMemoryEventStore(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void append(Event event) {
    Objects.requireNonNull(event, "event");
    db.locked(
        () -> {
          byId.put(event.id(), event);
          db.onRollback(() -> byId.remove(event.id()));
          db.afterCommitOnce("event:" + event.id(), () -> position(event.id()));
          return null;
        });
  }

  private void position(String id) {
    db.locked(
        () -> {
          Event event = byId.get(id);
          if (event != null && event.position() == null) {
            Event positioned = event.at(feed.size() + 1L);
            feed.add(positioned);
            byId.put(id, positioned);
          }
          return null;
        });
  }

  /** Positions are given at commit; there is never anything left to do. */
  @Override
  public int assignPositions(int max) {
    return 0;
  }

  @Override
  public List<Event> after(long afterPosition, Set<EventType> types, int limit) {
    return db.locked(
        () -> {
          List<Event> page = new ArrayList<>();
          for (int i = (int) Math.max(0, afterPosition);
              i < feed.size() && page.size() < limit;
              i++) {
            Event event = feed.get(i);
            if (types.isEmpty() || types.contains(event.type())) {
              page.add(event);
            }
          }
          return page;
        });
  }

  @Override
  public Optional<Event> findById(String eventId) {
    return Optional.ofNullable(byId.get(eventId));
  }

  /** Every event in the feed, in order. */
  public List<Event> all() {
    return db.locked(() -> List.copyOf(feed));
  }
}
