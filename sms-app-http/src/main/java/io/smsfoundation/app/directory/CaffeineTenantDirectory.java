package io.smsfoundation.app.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TenantDirectory} that keeps the answers of another one in a bounded Caffeine cache,
 * keyed by the lookup variants of a number: a tenant found for {@code foundFor} (an hour by
 * default), "not found" for {@code notFoundFor} (5 minutes: a number nobody knows today may be a
 * new tenant's tomorrow), "unavailable" never. Reads of a tenant by id are not cached (a send
 * reaches the directory that way only for a tenant who never texted; the numbers are then
 * remembered). A manual link {@linkplain #forget forgets} the number's answers; a language update
 * forgets the tenant's.
 *
 * <p>Hits and misses go to {@code cache.gets{cache="tenant_directory",result=hit|miss}} and the hit
 * ratio to {@code sms.tenant.cache.hit.ratio}; the lookups that still reach the directory are
 * counted underneath ({@code sms.tenant.lookups}). Thread-safe; two concurrent misses of one number
 * both ask the directory (a directory call is too slow to run under the cache's lock).
 */
public final class CaffeineTenantDirectory implements TenantDirectory {

  /** The cache's name in the metrics. */
  public static final String CACHE_NAME = "tenant_directory";

  /**
   * @param foundFor how long a found tenant is kept
   * @param notFoundFor how long "not found" is kept
   * @param maxEntries how many numbers' answers are kept at most (least recently used go first)
   */
  public record Settings(Duration foundFor, Duration notFoundFor, long maxEntries) {
    public Settings {
      Objects.requireNonNull(foundFor, "foundFor");
      Objects.requireNonNull(notFoundFor, "notFoundFor");
      if (foundFor.isNegative() || notFoundFor.isNegative() || maxEntries < 1) {
        throw new IllegalArgumentException("cache times must not be negative, size at least 1");
      }
    }
  }

  private final TenantDirectory delegate;
  private final Cache<List<String>, TenantLookup> answers;

  public CaffeineTenantDirectory(
      TenantDirectory delegate, Settings settings, MeterRegistry registry, Ticker ticker) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(settings, "settings");
    this.answers =
        Caffeine.newBuilder()
            .maximumSize(settings.maxEntries())
            .expireAfter(new ByAnswer(settings))
            .ticker(ticker)
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(registry, answers, CACHE_NAME);
    Gauge.builder("sms.tenant.cache.hit.ratio", answers, c -> c.stats().hitRate())
        .description("Share of tenant lookups answered by the cache since the start")
        .register(registry);
  }

  @Override
  public TenantLookup lookup(List<String> variants) {
    List<String> key = List.copyOf(variants);
    TenantLookup kept = answers.getIfPresent(key);
    if (kept != null) {
      // no request was made for this answer
      return switch (kept) {
        case TenantLookup.Found found ->
            new TenantLookup.Found(found.tenant(), found.matchedVariant(), 0);
        case TenantLookup.NotFound notFound -> new TenantLookup.NotFound(0);
        case TenantLookup.Unavailable unavailable -> unavailable;
      };
    }
    TenantLookup answer = delegate.lookup(key);
    if (!(answer instanceof TenantLookup.Unavailable)) {
      answers.put(key, answer);
    }
    return answer;
  }

  @Override
  public TenantLookup tenantById(String tenantId) {
    return delegate.tenantById(tenantId);
  }

  @Override
  public void forget(List<String> variants) {
    answers.asMap().keySet().removeIf(key -> !Collections.disjoint(key, variants));
    delegate.forget(variants);
  }

  @Override
  public boolean knowsTenants() {
    return delegate.knowsTenants();
  }

  @Override
  public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
    LanguageUpdate update = delegate.updateLanguage(tenantId, language);
    // a kept answer would still carry the tenant's old language preference
    answers
        .asMap()
        .values()
        .removeIf(
            answer ->
                answer instanceof TenantLookup.Found found
                    && found.tenant().tenantId().equals(tenantId));
    return update;
  }

  /** Found answers live longer than "not found". */
  private record ByAnswer(Settings settings) implements Expiry<List<String>, TenantLookup> {

    @Override
    public long expireAfterCreate(List<String> key, TenantLookup answer, long now) {
      return (answer instanceof TenantLookup.Found ? settings.foundFor() : settings.notFoundFor())
          .toNanos();
    }

    @Override
    public long expireAfterUpdate(
        List<String> key, TenantLookup answer, long now, long currentDuration) {
      return expireAfterCreate(key, answer, now);
    }

    @Override
    public long expireAfterRead(
        List<String> key, TenantLookup answer, long now, long currentDuration) {
      return currentDuration;
    }
  }
}
