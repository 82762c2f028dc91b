package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.out.RateLimiter;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link RateLimiter} over {@code sms_rate_buckets}: one row per key, refilled and taken from in
 * one atomic upsert, so every instance of the service shares the same buckets. Inside a unit of
 * work the row stays locked until it ends (callers with the same key wait, others do not).
 * Thread-safe.
 */
public final class PostgresRateLimiter implements RateLimiter {

  /**
   * Refills the bucket for the time since its last use, takes a token when there is a whole one,
   * and says whether it did; a new key starts with a full bucket.
   */
  static final String TAKE;

  static {
    String refilled =
        "least(cast(:capacity as double precision), b.tokens + greatest(0, extract(epoch from"
            + " (cast(:now as timestamptz) - b.updated_at))) * :perSecond)";
    TAKE =
        "insert into sms_rate_buckets as b (key, tokens, allowed, updated_at)"
            + " values (:key, :capacity - 1, true, :now)"
            + " on conflict (key) do update set"
            + " tokens = case when "
            + refilled
            + " >= 1 then "
            + refilled
            + " - 1 else "
            + refilled
            + " end,"
            + " allowed = "
            + refilled
            + " >= 1,"
            + " updated_at = greatest(b.updated_at, :now)"
            + " returning allowed, tokens";
  }

  private final PostgresUnitOfWork unitOfWork;

  public PostgresRateLimiter(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public Decision take(String key, int perMinute, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(TAKE)
                .bind("key", key)
                .bind("capacity", (double) perMinute)
                .bind("perSecond", perMinute / 60.0)
                .bind("now", now)
                .map(
                    (rs, ctx) ->
                        rs.getBoolean("allowed")
                            ? Decision.allow()
                            : new Decision(
                                false,
                                RateLimiter.untilOneToken(rs.getDouble("tokens"), perMinute)))
                .one());
  }
}
