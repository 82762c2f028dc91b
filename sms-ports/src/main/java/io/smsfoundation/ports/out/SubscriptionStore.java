package io.smsfoundation.ports.out;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook subscriptions and their deliveries. Deliveries are created inside the unit of work that
 * writes their event. Implementations are thread-safe.
 */
public interface SubscriptionStore {

  void create(Subscription subscription);

  Optional<Subscription> findById(String id);

  /** Every subscription, oldest first. */
  List<Subscription> list();

  /** The enabled subscriptions, the ones an event may be delivered to. */
  List<Subscription> enabled();

  /** Replaces a stored subscription; returns whether it existed. */
  boolean update(Subscription subscription);

  /** Deletes a subscription and its deliveries; returns whether it existed. */
  boolean delete(String id);

  void createDelivery(Delivery delivery);

  Optional<Delivery> findDelivery(String id);

  /** Replaces a stored delivery; returns whether it existed. */
  boolean updateDelivery(Delivery delivery);

  /**
   * A page of a subscription's deliveries, newest first, strictly older than the delivery {@code
   * beforeId} when it is given; only those in {@code status} when it is given.
   */
  List<Delivery> deliveries(
      String subscriptionId,
      Optional<Delivery.Status> status,
      Optional<String> beforeId,
      int limit);

  /** When the oldest pending delivery was created, or empty when none is pending. */
  Optional<Instant> oldestPending();
}
