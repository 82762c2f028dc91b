package io.smsfoundation.ports.contract;

import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;

/** Empty stores of one adapter that share one unit of work, as the store contracts need them. */
public interface StoreFixture {

  UnitOfWork unitOfWork();

  ConversationStore conversations();

  MessageStore messages();

  TenantNumbers tenantNumbers();

  /** A fixture over the given stores. */
  static StoreFixture of(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      MessageStore messages,
      TenantNumbers tenantNumbers) {
    record Stores(
        UnitOfWork unitOfWork,
        ConversationStore conversations,
        MessageStore messages,
        TenantNumbers tenantNumbers)
        implements StoreFixture {}
    return new Stores(unitOfWork, conversations, messages, tenantNumbers);
  }
}
