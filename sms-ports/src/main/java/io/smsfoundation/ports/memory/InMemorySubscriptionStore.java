package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.ports.out.SubscriptionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link SubscriptionStore} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemorySubscriptionStore implements SubscriptionStore {

  private final InMemoryUnitOfWork db;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Delivery> deliveries = new LinkedHashMap<>();

  public InMemorySubscriptionStore(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void create(Subscription subscription) {
    db.locked(
        () -> {
          if (subscriptions.putIfAbsent(subscription.id(), subscription) != null) {
            throw new IllegalStateException("a subscription with this id exists");
          }
          db.onRollback(() -> subscriptions.remove(subscription.id()));
          return null;
        });
  }

  @Override
  public Optional<Subscription> findById(String id) {
    return db.locked(() -> Optional.ofNullable(subscriptions.get(id)));
  }

  @Override
  public List<Subscription> list() {
    return db.locked(
        () ->
            subscriptions.values().stream()
                .sorted(
                    Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
                .toList());
  }

  @Override
  public List<Subscription> enabled() {
    return list().stream().filter(Subscription::enabled).toList();
  }

  @Override
  public boolean update(Subscription subscription) {
    return db.locked(
        () -> {
          Subscription before = subscriptions.get(subscription.id());
          if (before == null) {
            return false;
          }
          subscriptions.put(subscription.id(), subscription);
          db.onRollback(() -> subscriptions.put(subscription.id(), before));
          return true;
        });
  }

  @Override
  public boolean delete(String id) {
    return db.locked(
        () -> {
          Subscription before = subscriptions.remove(id);
          if (before == null) {
            return false;
          }
          Map<String, Delivery> removed = new LinkedHashMap<>();
          deliveries
              .values()
              .removeIf(
                  d -> {
                    if (d.subscriptionId().equals(id)) {
                      removed.put(d.id(), d);
                      return true;
                    }
                    return false;
                  });
          db.onRollback(
              () -> {
                subscriptions.put(id, before);
                deliveries.putAll(removed);
              });
          return true;
        });
  }

  @Override
  public void createDelivery(Delivery delivery) {
    db.locked(
        () -> {
          deliveries.put(delivery.id(), delivery);
          db.onRollback(() -> deliveries.remove(delivery.id()));
          return null;
        });
  }

  @Override
  public Optional<Delivery> findDelivery(String id) {
    return db.locked(() -> Optional.ofNullable(deliveries.get(id)));
  }

  @Override
  public boolean updateDelivery(Delivery delivery) {
    return db.locked(
        () -> {
          Delivery before = deliveries.get(delivery.id());
          if (before == null) {
            return false;
          }
          deliveries.put(delivery.id(), delivery);
          db.onRollback(() -> deliveries.put(delivery.id(), before));
          return true;
        });
  }

  @Override
  public List<Delivery> deliveries(
      String subscriptionId,
      Optional<Delivery.Status> status,
      Optional<String> beforeId,
      int limit) {
    return db.locked(
        () ->
            deliveries.values().stream()
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .filter(d -> status.map(s -> d.status() == s).orElse(true))
                .filter(d -> beforeId.map(b -> d.id().compareTo(b) < 0).orElse(true))
                .sorted(Comparator.comparing(Delivery::id).reversed())
                .limit(limit)
                .toList());
  }

  @Override
  public Optional<Instant> oldestPending() {
    return db.locked(
        () ->
            deliveries.values().stream()
                .filter(d -> d.status() == Delivery.Status.PENDING)
                .map(Delivery::createdAt)
                .min(Comparator.naturalOrder()));
  }
}
