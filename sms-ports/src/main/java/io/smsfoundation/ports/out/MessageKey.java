package io.smsfoundation.ports.out;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/** A message's position in a conversation's newest-first order: creation time, then id. */
public record MessageKey(Instant createdAt, UUID id) {

  /**
   * Newest first: later {@code createdAt} first, then the larger id first, comparing ids as
   * unsigned 128-bit numbers the way PostgreSQL orders {@code uuid} values.
   */
  public static final Comparator<MessageKey> NEWEST_FIRST =
      Comparator.comparing(MessageKey::createdAt)
          .thenComparing(MessageKey::id, MessageKey::compareUnsigned)
          .reversed();

  public MessageKey {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
