package io.smsfoundation.ports.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The services' source of time and ids. Instants are cut to microseconds, the precision of
 * PostgreSQL's {@code timestamptz}, so that a stored and re-read time compares equal (keyset
 * cursors depend on it). Ids are time-ordered (UUID version 7) so that new rows land at the end of
 * their indexes.
 */
final class ServiceClock {

  private final Clock clock;

  ServiceClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  UUID newId() {
    long millis = clock.millis();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /**
   * {@code prefix} and a new time-ordered id in hex ({@code evt_0190...}): later ids sort after.
   */
  String newId(String prefix) {
    UUID id = newId();
    return prefix
        + String.format("%016x%016x", id.getMostSignificantBits(), id.getLeastSignificantBits());
  }
}
