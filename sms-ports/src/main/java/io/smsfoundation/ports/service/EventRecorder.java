package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventRouting;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.ports.out.EventPayloads;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.EventStore;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.SubscriptionStore;
import java.time.Instant;

/**
 * Writes an event and a delivery (with its job) for every subscription that wants it, inside the
 * unit of work that makes the change the event describes: no event without its change, no change
 * without its event. Thread-safe.
 */
final class EventRecorder {

  private final EventStore events;
  private final SubscriptionStore subscriptions;
  private final JobQueue jobs;
  private final EventPayloads payloads;
  private final ServiceClock clock;

  EventRecorder(
      EventStore events,
      SubscriptionStore subscriptions,
      JobQueue jobs,
      EventPayloads payloads,
      ServiceClock clock) {
    this.events = events;
    this.subscriptions = subscriptions;
    this.jobs = jobs;
    this.payloads = payloads;
    this.clock = clock;
  }

  /** Records an event about {@code subject}; call inside the unit of work of the change. */
  Event record(EventType type, EventSubject subject, Instant at) {
    return record(type, subject, at, false);
  }

  /**
   * @param throttled whether the event comes from a sender over its inbound rate: it is kept in the
   *     feed and delivered to nobody
   */
  Event record(EventType type, EventSubject subject, Instant at, boolean throttled) {
    Conversation conversation = subject.conversation();
    EventRouting routing =
        conversation == null
            ? EventRouting.none()
            : new EventRouting(
                conversation.id(), conversation.tenantId(), conversation.workflowType(), throttled);
    Event event =
        Event.occurred(clock.newId(Event.ID_PREFIX), type, at, routing, payloads.render(subject));
    events.append(event);
    for (Subscription subscription : subscriptions.enabled()) {
      if (subscription.accepts(type, routing)) {
        Delivery delivery =
            Delivery.pending(clock.newId(Delivery.ID_PREFIX), subscription.id(), event, at);
        subscriptions.createDelivery(delivery);
        jobs.enqueue(new Job(Job.Type.DELIVER_EVENT, delivery.id()));
      }
    }
    return event;
  }
}
