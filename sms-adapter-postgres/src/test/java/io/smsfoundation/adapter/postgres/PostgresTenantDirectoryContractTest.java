package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.TenantDirectoryContract;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresTenantDirectoryContractTest extends TenantDirectoryContract {

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Override
  protected TenantDirectory directoryWith(List<TenantProfile> tenants) {
    schema.truncateAll();
    tenants.forEach(adapters.tenantDirectory()::save);
    return adapters.tenantDirectory();
  }
}
