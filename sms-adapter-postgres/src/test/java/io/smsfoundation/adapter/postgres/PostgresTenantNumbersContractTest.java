package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.StoreFixture;
import io.smsfoundation.ports.contract.TenantNumbersContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresTenantNumbersContractTest extends TenantNumbersContract {

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
  protected StoreFixture newFixture() {
    return PostgresStoreFixture.emptied(schema, adapters);
  }
}
