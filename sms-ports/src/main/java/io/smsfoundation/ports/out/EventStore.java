package io.smsfoundation.ports.out;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events outbox and feed. {@link #append} writes an event inside the caller's unit of work, so
 * that it exists exactly when the change it describes does. An event gets its feed position only
 * after its transaction has committed ({@link #assignPositions}), and positions only grow in the
 * order they become visible: a reader that resumes after a position never skips an event whose
 * transaction committed late, and never sees one twice. Implementations are thread-safe.
 */
public interface EventStore {

  /** Writes a new event (without a position) in the current unit of work. */
  void append(Event event);

  /**
   * Gives the next committed events without a position their positions, in the order they were
   * written, at most {@code max} at a time; safe to call from several threads and processes at
   * once. Implementations may also do this by themselves after each commit.
   *
   * @return how many events got a position
   */
  int assignPositions(int max);

  /**
   * Events with a position greater than {@code afterPosition}, in position order, at most {@code
   * limit}; only the given types when {@code types} is not empty.
   */
  List<Event> after(long afterPosition, Set<EventType> types, int limit);

  Optional<Event> findById(String eventId);
}
