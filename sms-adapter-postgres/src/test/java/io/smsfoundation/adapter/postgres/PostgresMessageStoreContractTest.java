package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.MessageStoreContract;
import io.smsfoundation.ports.contract.StoreFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresMessageStoreContractTest extends MessageStoreContract {

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.newDataSource(33));
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
