package io.smsfoundation.domain.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened, as workflows learn of it, written in the same transaction as the change
 * it describes.
 *
 * @param id {@code evt_...}, stable: the same in the feed and in every delivery attempt
 * @param position the event's place in the feed, given only once its transaction has committed;
 *     {@code null} before
 * @param data the event's {@code data} as a JSON object
 */
public record Event(
    String id,
    EventType type,
    Instant occurredAt,
    Long position,
    EventRouting routing,
    String data) {

  /** The prefix of every event id. */
  public static final String ID_PREFIX = "evt_";

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(data, "data");
    if (!id.startsWith(ID_PREFIX)) {
      throw new IllegalArgumentException("an event id starts with " + ID_PREFIX);
    }
  }

  /** A new event, not in the feed yet. */
  public static Event occurred(
      String id, EventType type, Instant at, EventRouting routing, String data) {
    return new Event(id, type, at, null, routing, data);
  }

  /** This event at its place in the feed. */
  public Event at(long feedPosition) {
    return new Event(id, type, occurredAt, feedPosition, routing, data);
  }
}
