package io.smsfoundation.ports.service;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.DeliverySchedule;
import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSignature;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.EventStore;
import io.smsfoundation.ports.out.SubscriptionStore;
import io.smsfoundation.ports.out.UnitOfWork;
import io.smsfoundation.ports.out.WebhookSender;
import io.smsfoundation.ports.out.WebhookSender.SendAttempt;
import io.smsfoundation.ports.out.WebhookSender.WebhookPost;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The delivery job: posts one event to one subscription in the Standard Webhooks format, and
 * decides from the answer whether it is delivered, due again (on {@link DeliverySchedule}) or
 * failed for good. A subscriber that is slow or down holds at most a few posts at once here, so it
 * never delays the others. Thread-safe.
 */
public final class DeliverEventService {

  private static final System.Logger LOG = System.getLogger(DeliverEventService.class.getName());

  /** How many posts to one subscription this process makes at once. */
  static final int POSTS_PER_SUBSCRIPTION = 2;

  /** How many waiting events a delivery numbers at most when its own has no position yet. */
  static final int NUMBERING_BATCH = 1000;

  /** How long a delivery waits for its event's feed position. */
  static final Duration NUMBERING_WAIT = Duration.ofMillis(50);

  /**
   * How long a delivery waits for one of its subscriber's posts to finish before it gives its job
   * thread back: a fast subscriber's posts end within it, so its deliveries follow each other
   * without a detour through the queue; a slow one's do not, and the job comes back later.
   */
  static final Duration SLOT_WAIT = Duration.ofMillis(250);

  /** How long a delivery waits when its subscriber already has all its posts in flight. */
  static final Duration BUSY_WAIT = Duration.ofMillis(500);

  private final UnitOfWork unitOfWork;
  private final EventStore events;
  private final SubscriptionStore subscriptions;
  private final WebhookSender sender;
  private final DeliverySchedule schedule = DeliverySchedule.standard();
  private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
  private final ServiceClock clock;

  DeliverEventService(
      UnitOfWork unitOfWork,
      EventStore events,
      SubscriptionStore subscriptions,
      WebhookSender sender,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.events = events;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.clock = new ServiceClock(clock);
  }

  /** Runs the delivery job of {@code deliveryId}. */
  public JobResult deliver(String deliveryId) {
    Optional<Delivery> found = subscriptions.findDelivery(deliveryId);
    if (found.isEmpty() || found.get().status() != Delivery.Status.PENDING) {
      return new JobResult.Done();
    }
    Delivery delivery = found.get();
    Optional<Subscription> subscription = subscriptions.findById(delivery.subscriptionId());
    Optional<Event> event = numbered(delivery.eventId());
    if (subscription.isEmpty() || !subscription.get().enabled() || event.isEmpty()) {
      subscriptions.updateDelivery(
          delivery.abandoned(
              subscription.isEmpty() ? "subscription deleted" : "subscription disabled",
              clock.now()));
      return new JobResult.Done();
    }
    if (event.get().position() == null) {
      // another sequencer is numbering right now: every delivery carries its feed position
      return new JobResult.RetryLater("event not numbered yet", NUMBERING_WAIT);
    }
    Semaphore posts =
        inFlight.computeIfAbsent(
            delivery.subscriptionId(), k -> new Semaphore(POSTS_PER_SUBSCRIPTION));
    try {
      if (!posts.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return new JobResult.RetryLater("subscriber busy", BUSY_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new JobResult.RetryLater("interrupted", BUSY_WAIT);
    }
    try {
      Instant now = clock.now();
      SendAttempt attempt = sender.post(post(subscription.get(), event.get(), now));
      return record(deliveryId, attempt, now);
    } finally {
      posts.release();
    }
  }

  /**
   * The event, with its feed position: an event is numbered a few milliseconds after its commit,
   * and a delivery that runs first numbers it (and whatever else is waiting) itself.
   */
  private Optional<Event> numbered(String eventId) {
    Optional<Event> event = events.findById(eventId);
    if (event.isPresent() && event.get().position() == null) {
      events.assignPositions(NUMBERING_BATCH);
      event = events.findById(eventId);
    }
    return event;
  }

  /** The signed post of {@code event}: the same {@code webhook-id} on every attempt. */
  private WebhookPost post(Subscription subscription, Event event, Instant now) {
    byte[] body = envelope(event);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("webhook-id", event.id());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature",
        WebhookSignature.header(subscription.signingSecrets(now), event.id(), timestamp, body));
    return new WebhookPost(subscription.id(), subscription.url(), headers, body);
  }

  /**
   * {@code {"id", "type", "timestamp", "position", "data"}}: the Standard Webhooks envelope, with
   * the event's feed position so that a consumer can order deliveries.
   */
  static byte[] envelope(Event event) {
    String json =
        "{\"id\":\""
            + event.id()
            + "\",\"type\":\""
            + event.type().code()
            + "\",\"timestamp\":\""
            + event.occurredAt().truncatedTo(ChronoUnit.MILLIS)
            + "\",\"position\":"
            + event.position()
            + ",\"data\":"
            + event.data()
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private JobResult record(String deliveryId, SendAttempt attempt, Instant at) {
    return unitOfWork.inTransaction(
        tx -> {
          Delivery delivery = subscriptions.findDelivery(deliveryId).orElse(null);
          Subscription subscription =
              delivery == null
                  ? null
                  : subscriptions.findById(delivery.subscriptionId()).orElse(null);
          if (delivery == null || subscription == null) {
            return new JobResult.Done();
          }
          if (attempt instanceof SendAttempt.Answered answered && answered.accepted()) {
            subscriptions.updateDelivery(delivery.delivered(answered.status(), at));
            Subscription after = subscription.afterSuccess(at);
            if (after != subscription) {
              subscriptions.update(after);
            }
            log(delivery, subscription, attempt, "delivered");
            return new JobResult.Done();
          }
          Integer status =
              attempt instanceof SendAttempt.Answered answered ? answered.status() : null;
          String reason =
              attempt instanceof SendAttempt.NoAnswer none ? none.reason() : "HTTP " + status;
          Optional<Duration> wait =
              schedule.nextDelay(delivery.attempts() + 1, ThreadLocalRandom.current().nextDouble());
          Subscription after = subscription.afterFailure(at);
          if (after != subscription) {
            subscriptions.update(after);
            if (!after.enabled()) {
              LOG.log(
                  Level.WARNING,
                  "subscription {0} disabled: {1}",
                  subscription.id(),
                  after.disabledReason());
            }
          }
          boolean again = wait.isPresent() && after.enabled();
          subscriptions.updateDelivery(
              delivery.attemptFailed(status, reason, at, again ? at.plus(wait.get()) : null));
          log(delivery, subscription, attempt, again ? "retry" : "failed");
          return again ? new JobResult.RetryLater(reason, wait.get()) : new JobResult.Done();
        });
  }

  private static void log(
      Delivery delivery, Subscription subscription, SendAttempt attempt, String outcome) {
    LOG.log(
        Level.INFO,
        "event delivery {0} subscription={1} event={2} type={3} attempt={4} status={5} ms={6}",
        outcome,
        subscription.id(),
        delivery.eventId(),
        delivery.eventType().code(),
        delivery.attempts() + 1,
        attempt instanceof SendAttempt.Answered answered ? answered.status() : "none",
        attempt.latency().toMillis());
  }
}
