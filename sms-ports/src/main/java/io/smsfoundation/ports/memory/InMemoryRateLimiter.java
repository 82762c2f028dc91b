package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link RateLimiter} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryRateLimiter implements RateLimiter {

  private final InMemoryUnitOfWork db;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private record Bucket(double tokens, Instant updatedAt) {}

  public InMemoryRateLimiter(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public Decision take(String key, int perMinute, Instant now) {
    return db.locked(
        () -> {
          Bucket before = buckets.get(key);
          double tokens;
          Instant at = now;
          if (before == null) {
            tokens = perMinute;
          } else {
            double elapsed = Math.max(0, Duration.between(before.updatedAt(), now).toNanos() / 1e9);
            tokens = Math.min(perMinute, before.tokens() + elapsed * perMinute / 60.0);
            at = now.isAfter(before.updatedAt()) ? now : before.updatedAt();
          }
          boolean allowed = tokens >= 1;
          buckets.put(key, new Bucket(allowed ? tokens - 1 : tokens, at));
          db.onRollback(
              () -> {
                if (before == null) {
                  buckets.remove(key);
                } else {
                  buckets.put(key, before);
                }
              });
          return allowed
              ? Decision.allow()
              : new Decision(false, RateLimiter.untilOneToken(tokens, perMinute));
        });
  }
}
