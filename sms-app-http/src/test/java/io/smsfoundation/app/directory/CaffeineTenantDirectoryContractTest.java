package io.smsfoundation.app.directory;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.ports.contract.TenantDirectoryContract;
import io.smsfoundation.ports.memory.InMemoryTenantDirectory;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.util.List;

/** The cache in front of a directory still does what every directory must. */
class CaffeineTenantDirectoryContractTest extends TenantDirectoryContract {

  @Override
  protected TenantDirectory directoryWith(List<TenantProfile> tenants) {
    return new CaffeineTenantDirectory(
        new InMemoryTenantDirectory(tenants),
        new CaffeineTenantDirectory.Settings(Duration.ofHours(1), Duration.ofMinutes(5), 100),
        new SimpleMeterRegistry(),
        Ticker.systemTicker());
  }
}
