package io.smsfoundation.domain.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When the directory was last asked about a conversation's tenant and, while the tenant stays
 * unknown, when to ask again. Each answer "not found" in a row lengthens the wait: 1 hour, 6 hours,
 * 1 day, then weekly, so that numbers nobody knows cost little while every one is still retried.
 *
 * @param checkedAt when the directory last answered, {@code null} if it never did
 * @param misses how many answers in a row found no tenant
 * @param recheckAt when a conversation without a tenant is due for another lookup, {@code null} for
 *     "at once" (never asked, or linked)
 */
public record TenantCheck(Instant checkedAt, int misses, Instant recheckAt) {

  /** The waits after the first, second, third and any later miss. */
  public static final List<Duration> RECHECK_AFTER =
      List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7));

  public TenantCheck {
    if (misses < 0) {
      throw new IllegalArgumentException("misses cannot be negative");
    }
  }

  /** A conversation the directory was never asked about. */
  public static TenantCheck never() {
    return new TenantCheck(null, 0, null);
  }

  /** The directory named a tenant at {@code at}. */
  public static TenantCheck answeredAt(Instant at) {
    return new TenantCheck(Objects.requireNonNull(at, "at"), 0, null);
  }

  /** The wait before asking again after {@code misses} answers "not found" in a row. */
  public static Duration recheckAfter(int misses) {
    if (misses < 1) {
      return Duration.ZERO;
    }
    return RECHECK_AFTER.get(Math.min(misses, RECHECK_AFTER.size()) - 1);
  }

  /** This check followed by one more answer "not found" at {@code at}. */
  public TenantCheck missedAt(Instant at) {
    Objects.requireNonNull(at, "at");
    int next = misses + 1;
    return new TenantCheck(at, next, at.plus(recheckAfter(next)));
  }

  /**
   * Whether the link, last confirmed at {@link #checkedAt}, is older than {@code ttl} at {@code
   * now}.
   */
  public boolean olderThan(Duration ttl, Instant now) {
    return checkedAt == null || !checkedAt.plus(ttl).isAfter(now);
  }
}
