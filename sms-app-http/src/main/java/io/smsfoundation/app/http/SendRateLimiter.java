package io.smsfoundation.app.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key for sends: a key may send {@code perMinute} messages at once and then
 * one more every {@code 60 s / perMinute}. Protects Twilio spend and the database from a caller's
 * runaway loop. Thread-safe; state lives only in this process.
 */
public final class SendRateLimiter {

  private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} in the service
   */
  public SendRateLimiter(int perMinute, LongSupplier nanoTime) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("the rate must be at least 1 per minute");
    }
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one token for {@code caller}.
   *
   * @return empty when the send may go ahead, else how long to wait before the next one may
   */
  public Optional<Duration> acquire(String caller) {
    Bucket bucket =
        buckets.computeIfAbsent(caller, k -> new Bucket(perMinute, nanoTime.getAsLong()));
    synchronized (bucket) {
      long now = nanoTime.getAsLong();
      double refill = (double) (now - bucket.updatedAt) * perMinute / NANOS_PER_MINUTE;
      bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return Optional.empty();
      }
      long waitNanos = (long) Math.ceil((1.0 - bucket.tokens) * NANOS_PER_MINUTE / perMinute);
      return Optional.of(Duration.ofNanos(waitNanos));
    }
  }

  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }
}
