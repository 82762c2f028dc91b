package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.out.RateLimiter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link RateLimiter} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryRateLimiter implements RateLimiter {

  private final InMemoryUnitOfWork db;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public InMemoryRateLimiter(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Decision take(String key, int perMinute, Instant now) {
    return db.locked(
        () -> {
          Bucket before = buckets.get(key);
          Bucket refilled =
              before == null ? Bucket.full(perMinute, now) : before.refilledAt(perMinute, now);
          buckets.put(key, refilled.hasToken() ? refilled.lessOne() : refilled);
          db.onRollback(
              () -> {
                if (before == null) {
                  buckets.remove(key);
                } else {
                  buckets.put(key, before);
                }
              });
          return refilled.decision(perMinute);
        });
  }
}
