package io.smsfoundation.adapter.monitor;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: exponential from {@code initial}, doubled per failed attempt,
 * randomized by the jitter factor and never above {@code max}; a server's {@code Retry-After} is a
 * lower bound on top of that. Thread-safe.
 */
final class Backoff {

  private final long initialNanos;
  private final long maxNanos;
  private final double jitterFactor;
  private final DoubleSupplier random;

  Backoff(Duration initial, Duration max, double jitterFactor, DoubleSupplier random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.jitterFactor = jitterFactor;
    this.random = random;
  }

  /**
   * @param failedAttempts attempts made so far, all failed (1 before the first retry)
   * @param retryAfter what the server asked for, or {@code null}
   */
  Duration delay(int failedAttempts, Duration retryAfter) {
    int doublings = Math.min(Math.max(failedAttempts - 1, 0), 62);
    double base = Math.min((double) initialNanos * (1L << doublings), (double) maxNanos);
    // Jitter spreads the retries of many callers that failed at the same moment.
    double jittered = base * (1 + jitterFactor * (2 * random.getAsDouble() - 1));
    long nanos = (long) Math.min(Math.max(jittered, 0), maxNanos);
    Duration delay = Duration.ofNanos(nanos);
    return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
  }
}
