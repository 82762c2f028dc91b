package io.smsfoundation.ports.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Token buckets shared by every instance of the service: each key has a bucket of {@code perMinute}
 * tokens that refills at {@code perMinute} a minute, and {@link #take} takes one when it can.
 * Inside a unit of work the taking commits or rolls back with it. Implementations are thread-safe.
 */
public interface RateLimiter {

  /** Takes a token from {@code key}'s bucket at {@code now}, when there is one. */
  Decision take(String key, int perMinute, Instant now);

  /**
   * @param retryAfter when a refused caller may expect a token; zero when allowed
   */
  record Decision(boolean allowed, Duration retryAfter) {

    public Decision {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static Decision allow() {
      return new Decision(true, Duration.ZERO);
    }
  }

  /** The wait until one token is back, given the tokens left and the rate. */
  static Duration untilOneToken(double tokens, int perMinute) {
    double missing = Math.max(0, 1 - tokens);
    return Duration.ofMillis((long) Math.ceil(missing * 60_000.0 / perMinute));
  }
}
