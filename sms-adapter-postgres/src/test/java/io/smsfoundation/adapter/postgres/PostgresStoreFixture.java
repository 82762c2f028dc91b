package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.StoreFixture;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;

/** The Postgres stores of one schema, emptied, as the store contracts want them. */
record PostgresStoreFixture(PostgresAdapters adapters) implements StoreFixture {

  static PostgresStoreFixture emptied(
      PostgresTestDatabase.Schema schema, PostgresAdapters adapters) {
    schema.truncateAll();
    return new PostgresStoreFixture(adapters);
  }

  @Override
  public UnitOfWork unitOfWork() {
    return adapters.unitOfWork();
  }

  @Override
  public ConversationStore conversations() {
    return adapters.conversations();
  }

  @Override
  public MessageStore messages() {
    return adapters.messages();
  }

  @Override
  public TenantNumbers tenantNumbers() {
    return adapters.tenantNumbers();
  }
}
