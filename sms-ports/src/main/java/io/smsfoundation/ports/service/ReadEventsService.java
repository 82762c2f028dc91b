package io.smsfoundation.ports.service;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.ports.in.ReadEvents;
import io.smsfoundation.ports.out.EventStore;
import java.util.List;

/** Reads the events feed in position order. */
public final class ReadEventsService implements ReadEvents {

  private final EventStore events;

  public ReadEventsService(EventStore events) {
    this.events = events;
  }

  @Override
  public EventPage read(EventQuery query) {
    List<Event> page = events.after(query.afterPosition(), query.types(), query.limit());
    long next = page.isEmpty() ? query.afterPosition() : page.getLast().position();
    return new EventPage(page, next);
  }
}
