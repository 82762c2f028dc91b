package io.smsfoundation.app.limits;

import io.smsfoundation.ports.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The sends an API key may make: a token bucket of {@code perMinute} per key, refilled at {@code
 * perMinute} a minute, kept by a {@link RateLimiter} that every instance sharing the database
 * shares, so that the rate holds for the whole service. Protects Twilio spend and the database from
 * a caller's runaway loop. Thread-safe.
 */
public final class SendRate {

  private final RateLimiter limiter;
  private final int perMinute;
  private final Clock clock;

  public SendRate(RateLimiter limiter, int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("the rate must be at least 1 per minute");
    }
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.perMinute = perMinute;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Takes one token for {@code caller} (an API key's id).
   *
   * @return empty when the send may go ahead, else how long to wait before the next one may
   */
  public Optional<Duration> acquire(String caller) {
    RateLimiter.Decision decision = limiter.take(bucketOf(caller), perMinute, clock.instant());
    return decision.allowed() ? Optional.empty() : Optional.of(decision.retryAfter());
  }

  /** The bucket of an API key, apart from the other buckets the limiter keeps. */
  static String bucketOf(String caller) {
    return "send:" + caller;
  }
}
