package io.smsfoundation.ports.service;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSecret;
import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.in.ManageSubscriptions;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.SubscriptionStore;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps webhook subscriptions: checks where they may post, makes their secrets, and retries failed
 * deliveries by hand. Thread-safe.
 */
public final class ManageSubscriptionsService implements ManageSubscriptions {

  private static final System.Logger LOG =
      System.getLogger(ManageSubscriptionsService.class.getName());

  private final UnitOfWork unitOfWork;
  private final SubscriptionStore subscriptions;
  private final JobQueue jobs;
  private final UrlPolicy urls;
  private final ServiceClock clock;
  private final SecureRandom random = new SecureRandom();

  public ManageSubscriptionsService(
      UnitOfWork unitOfWork,
      SubscriptionStore subscriptions,
      JobQueue jobs,
      UrlPolicy urls,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.subscriptions = subscriptions;
    this.jobs = jobs;
    this.urls = urls;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public Created create(NewSubscription request) {
    URI url = url(request.url());
    WebhookSecret secret = newSecret();
    Subscription subscription =
        Subscription.create(
            clock.newId(Subscription.ID_PREFIX),
            url,
            request.eventTypes(),
            request.workflowTypes(),
            request.includeUnknown(),
            blankToNull(request.description()),
            secret,
            clock.now());
    subscriptions.create(subscription);
    LOG.log(
        Level.INFO,
        "subscription {0} created host={1} types={2}",
        subscription.id(),
        url.getHost(),
        request.eventTypes());
    return new Created(subscription, secret);
  }

  @Override
  public List<Subscription> list() {
    return subscriptions.list();
  }

  @Override
  public Optional<Subscription> get(String id) {
    return subscriptions.findById(id);
  }

  @Override
  public Optional<Subscription> change(String id, SubscriptionChange change) {
    Optional<URI> url = change.url().map(this::url);
    return unitOfWork.inTransaction(
        tx ->
            subscriptions
                .findById(id)
                .map(
                    current -> {
                      Subscription changed =
                          current.changed(
                              url.orElse(current.url()),
                              change.eventTypes().orElse(current.eventTypes()),
                              change.workflowTypes().orElse(current.workflowTypes()),
                              change.includeUnknown().orElse(current.includeUnknown()),
                              change
                                  .description()
                                  .map(d -> blankToNull(d))
                                  .orElse(current.description()),
                              change.enabled().orElse(current.enabled()),
                              clock.now());
                      subscriptions.update(changed);
                      return changed;
                    }));
  }

  @Override
  public boolean delete(String id) {
    boolean deleted = subscriptions.delete(id);
    if (deleted) {
      LOG.log(Level.INFO, "subscription {0} deleted", id);
    }
    return deleted;
  }

  @Override
  public Optional<Created> rotateSecret(String id) {
    WebhookSecret next = newSecret();
    return unitOfWork.inTransaction(
        tx ->
            subscriptions
                .findById(id)
                .map(
                    current -> {
                      Subscription rotated = current.rotatedTo(next, clock.now());
                      subscriptions.update(rotated);
                      LOG.log(Level.INFO, "subscription {0} secret rotated", id);
                      return new Created(rotated, next);
                    }));
  }

  @Override
  public Optional<List<Delivery>> deliveries(String subscriptionId, DeliveryQuery query) {
    if (subscriptions.findById(subscriptionId).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        subscriptions.deliveries(subscriptionId, query.status(), query.beforeId(), query.limit()));
  }

  @Override
  public RetryOutcome retryDelivery(String subscriptionId, String deliveryId) {
    Instant now = clock.now();
    return unitOfWork.inTransaction(
        tx -> {
          Optional<Delivery> found =
              subscriptions
                  .findDelivery(deliveryId)
                  .filter(d -> d.subscriptionId().equals(subscriptionId));
          if (found.isEmpty()) {
            return new RetryOutcome.NotFound();
          }
          Delivery delivery = found.get();
          if (delivery.status() != Delivery.Status.FAILED) {
            return new RetryOutcome.NotFailed(delivery);
          }
          Delivery retried = delivery.retried(now);
          subscriptions.updateDelivery(retried);
          jobs.enqueue(new Job(Job.Type.DELIVER_EVENT, retried.id()));
          LOG.log(Level.INFO, "delivery {0} retried by hand", deliveryId);
          return new RetryOutcome.Retried(retried);
        });
  }

  private URI url(String text) {
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException | NullPointerException bad) {
      throw InvalidCommandException.of("url", "is not a URL");
    }
    if (!url.isAbsolute() || !urls.allows(url)) {
      throw InvalidCommandException.of(
          "url",
          urls.allowPlainHttp()
              ? "must be an http or https URL with a host"
              : "must be an https URL (http only to a loopback address)");
    }
    return url;
  }

  private WebhookSecret newSecret() {
    byte[] key = new byte[WebhookSecret.KEY_BYTES];
    random.nextBytes(key);
    return WebhookSecret.fromKey(key);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
