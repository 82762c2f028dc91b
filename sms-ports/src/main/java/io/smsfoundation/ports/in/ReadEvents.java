package io.smsfoundation.ports.in;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import java.util.List;
import java.util.Set;

/**
 * The events feed: events in the order they committed, resumable from a position. A consumer that
 * keeps the position of the last event it handled never misses an event and never sees one twice.
 */
public interface ReadEvents {

  /** Most events one page holds. */
  int MAX_LIMIT = 1000;

  EventPage read(EventQuery query);

  /**
   * @param afterPosition the position of the last event already seen; 0 for the beginning
   * @param types only these types; empty for every type
   */
  record EventQuery(long afterPosition, Set<EventType> types, int limit) {

    public EventQuery {
      new Validation()
          .require(afterPosition >= 0, "after", "is not a position in the feed")
          .require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
          .throwIfInvalid();
      types = types == null ? Set.of() : Set.copyOf(types);
    }
  }

  /**
   * @param nextPosition where to resume: the position of the last event of the page, or the query's
   *     own position when the page is empty
   */
  record EventPage(List<Event> events, long nextPosition) {}
}
