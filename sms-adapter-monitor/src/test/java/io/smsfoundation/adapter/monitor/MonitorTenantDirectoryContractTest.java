package io.smsfoundation.adapter.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.ports.contract.TenantDirectoryContract;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The port's contract, against a fake Monitor that matches the phone exactly. */
class MonitorTenantDirectoryContractTest extends TenantDirectoryContract {

  private final List<AutoCloseable> open = new ArrayList<>();

  @Override
  protected TenantDirectory directoryWith(List<TenantProfile> tenants) {
    FakeMonitor monitor = FakeMonitor.start().withTenants(tenants);
    MonitorTenantDirectory directory =
        new MonitorTenantDirectory(
            MonitorSettings.defaults(monitor.baseUrl())
                .withToken("contract-token")
                .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5)),
            new SimpleMeterRegistry());
    open.add(directory);
    open.add(monitor);
    return directory;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }
}
