package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.adapter.monitor.MonitorSettings;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory;
import io.smsfoundation.app.directory.CaffeineTenantDirectory;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.out.TenantLookup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory cache in front of the Monitor client, against a fake Monitor over HTTP. */
class DirectoryCacheTest {

  private static final PhoneNumbers PHONES = PhoneNumbers.forUnitedStates();

  private final FakeMonitor monitor = new FakeMonitor();
  private final MonitorTenantDirectory client =
      new MonitorTenantDirectory(
          MonitorSettings.defaults(URI.create(monitor.url()))
              .withToken(FakeMonitor.TOKEN)
              .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)),
          new SimpleMeterRegistry());
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CaffeineTenantDirectory cache =
      new CaffeineTenantDirectory(
          client,
          new CaffeineTenantDirectory.Settings(Duration.ofHours(1), Duration.ofMinutes(5), 100),
          registry,
          ticker);

  @AfterEach
  void stop() {
    client.close();
    monitor.close();
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void repeated_lookups_of_one_number_hit_the_cache() {
    monitor.addTenant("tenant-1", "+12015557001", "es");
    List<String> variants = PHONES.lookupVariants("+12015557001");

    TenantLookup first = cache.lookup(variants);
    for (int i = 0; i < 9; i++) {
      assertThat(cache.lookup(variants))
          .isInstanceOfSatisfying(
              TenantLookup.Found.class,
              found -> {
                assertThat(found.tenant().tenantId()).isEqualTo("tenant-1");
                assertThat(found.attempts()).as("no request").isZero();
              });
    }

    assertThat(first).isInstanceOf(TenantLookup.Found.class);
    assertThat(monitor.lookups()).containsExactly("+12015557001");
    assertThat(registry.get("sms.tenant.cache.hit.ratio").gauge().value()).isEqualTo(0.9);
    assertThat(
            registry
                .get("cache.gets")
                .tags("cache", CaffeineTenantDirectory.CACHE_NAME, "result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(9);
  }

  @Test
  void not_found_is_kept_five_minutes_and_a_found_tenant_an_hour() {
    monitor.addTenant("tenant-1", "+12015557002", null);
    List<String> known = PHONES.lookupVariants("+12015557002");
    List<String> unknown = PHONES.lookupVariants("+12015557003");
    cache.lookup(known);
    cache.lookup(unknown);
    int asked = monitor.lookups().size();

    advance(Duration.ofMinutes(4));
    cache.lookup(known);
    cache.lookup(unknown);
    assertThat(monitor.lookups()).hasSize(asked);

    advance(Duration.ofMinutes(2));
    cache.lookup(known);
    cache.lookup(unknown);
    assertThat(monitor.lookups().subList(asked, monitor.lookups().size()))
        .as("only the unknown number is asked again")
        .containsExactlyElementsOf(unknown);

    advance(Duration.ofMinutes(55));
    cache.lookup(known);
    assertThat(monitor.lookups().getLast()).isEqualTo("+12015557002");
  }

  @Test
  void an_unavailable_directory_is_never_cached() {
    List<String> variants = PHONES.lookupVariants("+12015557004");
    monitor.setAvailable(false);
    assertThat(cache.lookup(variants)).isInstanceOf(TenantLookup.Unavailable.class);
    monitor.setAvailable(true);
    monitor.addTenant("tenant-4", "+12015557004", null);

    assertThat(cache.lookup(variants)).isInstanceOf(TenantLookup.Found.class);
  }

  @Test
  void forgetting_a_number_drops_every_answer_that_names_one_of_its_variants() {
    monitor.addTenant("tenant-5", "+12015557005", null);
    List<String> asTyped = PHONES.lookupVariants("(201) 555-7005");
    List<String> e164 = PHONES.lookupVariants("+12015557005");
    cache.lookup(asTyped);
    cache.lookup(e164);
    int asked = monitor.lookups().size();

    cache.forget(PHONES.lookupVariants("2015557005"));
    cache.lookup(asTyped);
    cache.lookup(e164);

    assertThat(monitor.lookups().size()).isGreaterThan(asked + 1);
  }
}
