package io.smsfoundation.ports.contract;

import io.smsfoundation.ports.out.EventStore;
import io.smsfoundation.ports.out.SubscriptionStore;
import io.smsfoundation.ports.out.UnitOfWork;

/** Empty event and subscription stores of one adapter sharing one unit of work. */
public interface EventFixture {

  UnitOfWork unitOfWork();

  EventStore events();

  SubscriptionStore subscriptions();

  static EventFixture of(
      UnitOfWork unitOfWork, EventStore events, SubscriptionStore subscriptions) {
    record Stores(UnitOfWork unitOfWork, EventStore events, SubscriptionStore subscriptions)
        implements EventFixture {}
    return new Stores(unitOfWork, events, subscriptions);
  }
}
