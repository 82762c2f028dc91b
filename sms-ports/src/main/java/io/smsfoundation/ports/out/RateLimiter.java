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

  /**
   * One key's bucket as adapters that keep it in memory hold it: {@code tokens} left at {@code
   * updatedAt}. A clock that steps back refills nothing.
   */
  record Bucket(double tokens, Instant updatedAt) {

    public Bucket {
      Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A full bucket, as a key's first request finds it. */
    public static Bucket full(int perMinute, Instant now) {
      return new Bucket(perMinute, now);
    }

    /** This bucket refilled at {@code perMinute} up to {@code now}, never above the rate. */
    public Bucket refilledAt(int perMinute, Instant now) {
      if (!now.isAfter(updatedAt)) {
        return this;
      }
      double elapsed = Duration.between(updatedAt, now).toNanos() / 1e9;
      return new Bucket(Math.min(perMinute, tokens + elapsed * perMinute / 60.0), now);
    }

    /** Whether a token is there to take. */
    public boolean hasToken() {
      return tokens >= 1;
    }

    /** This bucket less the token {@link #hasToken} found. */
    public Bucket lessOne() {
      return new Bucket(tokens - 1, updatedAt);
    }

    /** What taking from this (refilled) bucket decides. */
    public Decision decision(int perMinute) {
      return hasToken()
          ? Decision.allow()
          : new Decision(false, RateLimiter.untilOneToken(tokens, perMinute));
    }
  }
}
