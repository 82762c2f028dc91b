package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.service.SmsServices;
import java.time.Clock;

/**
 * One set of in-memory adapters sharing one {@link InMemoryUnitOfWork}, ready to hand to {@link
 * SmsServices#create}. Jobs do not run until the queue is {@linkplain InMemoryJobQueue#start
 * started} or {@linkplain InMemoryJobQueue#runPending drained}.
 */
public record InMemoryAdapters(
    InMemoryUnitOfWork unitOfWork,
    InMemoryConversationStore conversations,
    InMemoryMessageStore messages,
    InMemoryUsageLedger usage,
    InMemoryTenantNumbers tenantNumbers,
    InMemoryTenantDirectory tenantDirectory,
    InMemorySmsGateway smsGateway,
    InMemoryJobQueue jobQueue,
    InMemoryEventStore events,
    InMemorySubscriptionStore subscriptions,
    InMemoryWebhookSender webhookSender) {

  public static InMemoryAdapters create() {
    return create(Clock.systemUTC());
  }

  /** Adapters whose gateway dates the messages it creates by {@code clock}. */
  public static InMemoryAdapters create(Clock clock) {
    InMemoryUnitOfWork db = new InMemoryUnitOfWork();
    InMemoryConversationStore conversations = new InMemoryConversationStore(db);
    InMemoryMessageStore messages = new InMemoryMessageStore(db);
    return new InMemoryAdapters(
        db,
        conversations,
        messages,
        new InMemoryUsageLedger(db, messages, conversations),
        new InMemoryTenantNumbers(db),
        new InMemoryTenantDirectory(),
        new InMemorySmsGateway(clock),
        new InMemoryJobQueue(db),
        new InMemoryEventStore(db),
        new InMemorySubscriptionStore(db),
        new InMemoryWebhookSender());
  }

  /** The ports, with events rendered by {@link PlainEventPayloads}. */
  public SmsServices.Ports ports() {
    return new SmsServices.Ports(
        unitOfWork,
        conversations,
        messages,
        usage,
        tenantNumbers,
        tenantDirectory,
        smsGateway,
        jobQueue,
        events,
        subscriptions,
        new PlainEventPayloads(),
        webhookSender);
  }
}
