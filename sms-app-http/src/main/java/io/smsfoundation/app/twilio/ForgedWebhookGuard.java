package io.smsfoundation.app.twilio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smsfoundation.ports.out.RateLimiter.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses webhooks from a client address that sent too many with a bad signature: each refused
 * signature takes a token from the address's bucket ({@code perMinute} a minute), and an address
 * that finds it empty is answered {@code 429} for a minute, before its requests are parsed. A
 * webhook with a valid signature takes nothing, so Twilio's own traffic never counts against its
 * addresses. The state lives in this process only (a forger costs each instance the same), bounded
 * to the addresses seen in the last few minutes. Thread-safe.
 */
public final class ForgedWebhookGuard {

  /** How long an address that ran out stays refused. */
  public static final Duration BLOCKED_FOR = Duration.ofMinutes(1);

  private static final int MAX_ADDRESSES = 100_000;

  private final int perMinute;
  private final Clock clock;
  private final Cache<String, State> addresses =
      Caffeine.newBuilder()
          .maximumSize(MAX_ADDRESSES)
          .expireAfterAccess(BLOCKED_FOR.multipliedBy(2))
          .build();

  private record State(Bucket bucket, Instant blockedUntil) {}

  /**
   * @param perMinute how many bad signatures an address may send a minute; {@code 0} turns the
   *     guard off
   */
  public ForgedWebhookGuard(int perMinute, Clock clock) {
    if (perMinute < 0) {
      throw new IllegalArgumentException("perMinute must not be negative");
    }
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** A guard that never refuses. */
  public static ForgedWebhookGuard off() {
    return new ForgedWebhookGuard(0, Clock.systemUTC());
  }

  /** How long {@code address} is still refused, or empty when its requests may be read. */
  public Optional<Duration> refusing(String address) {
    if (perMinute == 0) {
      return Optional.empty();
    }
    State state = addresses.getIfPresent(address);
    Instant now = clock.instant();
    if (state == null || state.blockedUntil() == null || !now.isBefore(state.blockedUntil())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, state.blockedUntil()));
  }

  /** Counts a bad signature from {@code address}. */
  public void badSignature(String address) {
    if (perMinute == 0) {
      return;
    }
    Instant now = clock.instant();
    addresses
        .asMap()
        .compute(
            address,
            (key, before) -> {
              Bucket bucket =
                  before == null
                      ? Bucket.full(perMinute, now)
                      : before.bucket().refilledAt(perMinute, now);
              return bucket.hasToken()
                  ? new State(bucket.lessOne(), before == null ? null : before.blockedUntil())
                  : new State(bucket, now.plus(BLOCKED_FOR));
            });
  }
}
