package io.smsfoundation.ports.service;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallRouting;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps an inbound call in one short transaction: the caller's conversation (created when new,
 * exactly as an SMS would create it, with a tenant-link job while the tenant is unknown), the call
 * with how it is answered, its first statuses and the {@code call.received} event. The routing
 * reads only the conversation; nothing outside the database is asked. A second webhook for the same
 * call id changes nothing and gets the stored call back, so that it is answered the same way.
 */
public final class ReceiveCallService implements ReceiveCall {

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final CallStore calls;
  private final JobQueue jobs;
  private final PhoneNumbers phones;
  private final CallRouting routing;
  private final EventRecorder events;
  private final boolean linkTenants;
  private final ServiceClock clock;

  ReceiveCallService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      CallStore calls,
      JobQueue jobs,
      PhoneNumbers phones,
      CallRouting routing,
      EventRecorder events,
      boolean linkTenants,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.calls = calls;
    this.jobs = jobs;
    this.phones = phones;
    this.routing = routing;
    this.events = events;
    this.linkTenants = linkTenants;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public CallOutcome receive(IncomingCall incoming) {
    Address caller = phones.classify(incoming.from());
    Instant now = clock.now();
    UUID callId = clock.newId();
    return unitOfWork.inTransaction(
        tx -> {
          // a retry of a kept call writes nothing, not even the conversation's activity
          Optional<Call> kept = calls.findBySid(incoming.providerCallId());
          if (kept.isPresent()) {
            tx.setRollbackOnly();
            return new CallOutcome.Duplicate(kept.get());
          }
          Conversation conversation =
              conversations.upsert(Conversation.startedAt(clock.newId(), caller, now));
          CallRouting.Decision decision =
              routing.route(
                  conversation.hasTenant(),
                  caller,
                  incoming.to(),
                  conversation.language().language());
          Call call =
              Call.inbound(
                  callId,
                  incoming.providerCallId(),
                  conversation.id(),
                  conversation.tenantId(),
                  incoming.from(),
                  incoming.to(),
                  decision.route(),
                  incoming.rawForm(),
                  now);
          if (!calls.insert(call)) {
            // a concurrent webhook for the same call won: answer as it did
            tx.setRollbackOnly();
            Call winner =
                calls
                    .findBySid(incoming.providerCallId())
                    .orElseThrow(() -> new IllegalStateException("a duplicate call vanished"));
            return new CallOutcome.Duplicate(winner);
          }
          calls.appendStatusEvent(
              new CallStatusEvent(
                  clock.newId(), callId, CallStatus.RECEIVED, null, incoming.rawForm(), now));
          if (!call.status().equals(CallStatus.RECEIVED)) {
            calls.appendStatusEvent(
                new CallStatusEvent(clock.newId(), callId, call.status(), null, null, now));
          }
          events.record(
              EventType.CALL_RECEIVED,
              new EventSubject(conversation, null, Map.of("routing", decision.reason()), call),
              now);
          if (linkTenants && conversation.needsTenantLookup()) {
            jobs.enqueue(new Job(Job.Type.LINK_TENANT, conversation.id().toString()));
          }
          return new CallOutcome.Accepted(call, conversation, decision.reason());
        });
  }

  @Override
  public void answered(Map<UUID, Duration> responseTimes) {
    if (responseTimes.isEmpty()) {
      return;
    }
    Map<UUID, Long> millis = new HashMap<>();
    responseTimes.forEach((id, time) -> millis.put(id, time.toMillis()));
    calls.recordResponseTimes(millis);
  }
}
