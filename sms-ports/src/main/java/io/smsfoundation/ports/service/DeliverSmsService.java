package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The send job: hands one stored message to the gateway at most once. Before calling the gateway it
 * marks the message {@code sending} in its own transaction; a job that finds a message already
 * {@code sending} (the process died mid-call) marks it {@code unknown} instead of sending twice.
 * Only {@link SendOutcome.RetryLater}, which proves the provider never got the request, puts the
 * message back to {@code pending} for a retry. A message that becomes {@code unknown} gets a settle
 * job ({@link SettleSmsService}), due after the first check delay.
 */
public final class DeliverSmsService {

  private static final System.Logger LOG = System.getLogger(DeliverSmsService.class.getName());

  /** The error code of a send refused here because the recipient opted out after it was queued. */
  static final String OPTED_OUT = "sms.opted_out";

  private final UnitOfWork unitOfWork;
  private final MessageStore messages;
  private final ConversationStore conversations;
  private final SmsGateway gateway;
  private final SendCompletions completions;
  private final StatusEvents statusEvents;
  private final Consent consent;
  private final ServiceClock clock;
  private final JobQueue jobs;
  private final Duration firstCheck;

  DeliverSmsService(
      UnitOfWork unitOfWork,
      MessageStore messages,
      ConversationStore conversations,
      SmsGateway gateway,
      SendCompletions completions,
      EventRecorder events,
      JobQueue jobs,
      Duration firstCheck,
      Clock clock) {
    this.jobs = jobs;
    this.firstCheck = firstCheck;
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.conversations = conversations;
    this.gateway = gateway;
    this.completions = completions;
    this.statusEvents = new StatusEvents(messages, conversations, events, jobs);
    this.consent = new Consent(conversations, events);
    this.clock = new ServiceClock(clock);
  }

  /** Runs the send job of one message. */
  public JobResult deliver(UUID messageId) {
    try {
      Optional<Message> claimed = claim(messageId);
      if (claimed.isEmpty()) {
        return new JobResult.Done();
      }
      Message message = claimed.get();
      SendOutcome outcome =
          gateway.send(
              new OutboundSms(
                  message.id(),
                  new PhoneNumber(message.to()),
                  message.content(),
                  message.media().stream().map(Media::url).toList()));
      return record(message, outcome);
    } finally {
      completions.complete(messageId);
    }
  }

  /** Moves a {@code pending} message to {@code sending}; anything else is not sent again. */
  private Optional<Message> claim(UUID messageId) {
    Instant now = clock.now();
    return unitOfWork.inTransaction(
        tx -> {
          Optional<Message> found = messages.lockById(messageId);
          if (found.isEmpty()) {
            return Optional.empty();
          }
          Message message = found.get();
          DeliveryStatus status = message.deliveryStatus();
          if (status.equals(DeliveryStatus.SENDING) && message.twilioSid() == null) {
            messages.updateDelivery(
                messageId,
                new DeliveryUpdate(
                    null, DeliveryStatus.UNKNOWN, null, "interrupted while sending", now));
            SettleSmsService.enqueueFirstCheck(jobs, messageId, firstCheck);
            LOG.log(Level.WARNING, "send ambiguous message={0}: interrupted earlier", messageId);
            return Optional.empty();
          }
          if (!status.equals(DeliveryStatus.PENDING)) {
            return Optional.empty();
          }
          boolean optedOut =
              conversations
                  .findById(message.conversationId())
                  .map(Conversation::optedOut)
                  .orElse(false);
          if (optedOut) {
            messages.updateDelivery(
                messageId,
                new DeliveryUpdate(
                    null, DeliveryStatus.FAILED, OPTED_OUT, "recipient opted out", now));
            statusEvents.announce(
                message.withDelivery(
                    null, DeliveryStatus.FAILED, OPTED_OUT, "recipient opted out", now),
                status,
                now);
            return Optional.empty();
          }
          messages.updateDelivery(
              messageId, new DeliveryUpdate(null, DeliveryStatus.SENDING, null, null, now));
          return Optional.of(message);
        });
  }

  private JobResult record(Message message, SendOutcome outcome) {
    Instant now = clock.now();
    UUID id = message.id();
    return unitOfWork.inTransaction(
        tx -> {
          Message current = messages.lockById(id).orElseThrow();
          boolean stillSending = current.deliveryStatus().equals(DeliveryStatus.SENDING);
          if (outcome instanceof SendOutcome.Sent || outcome instanceof SendOutcome.Rejected) {
            // the provider answered: from the send request's acceptance to that answer
            messages.recordProcessingTime(
                id, Math.max(0, Duration.between(message.createdAt(), now).toMillis()));
          }
          return switch (outcome) {
            case SendOutcome.Sent sent -> {
              if (stillSending) {
                messages.updateDelivery(
                    id, new DeliveryUpdate(sent.twilioSid(), sent.status(), null, null, now));
                DeliveryStatus before = current.deliveryStatus();
                current = current.withDelivery(sent.twilioSid(), sent.status(), null, null, now);
                statusEvents.announce(current, before, now);
              } else {
                statusEvents.apply(current, sent.twilioSid(), sent.status(), null, false, now);
              }
              DeliveryStatus status = statusEvents.applyKept(current, sent.twilioSid(), now);
              LOG.log(
                  Level.INFO,
                  "send sent message={0} sid={1} status={2}",
                  id,
                  sent.twilioSid(),
                  status);
              yield new JobResult.Done();
            }
            case SendOutcome.Rejected rejected -> {
              if (stillSending) {
                messages.updateDelivery(
                    id,
                    new DeliveryUpdate(
                        null,
                        DeliveryStatus.FAILED,
                        rejected.errorCode(),
                        rejected.errorMessage(),
                        now));
                statusEvents.announce(
                    current.withDelivery(
                        null,
                        DeliveryStatus.FAILED,
                        rejected.errorCode(),
                        rejected.errorMessage(),
                        now),
                    current.deliveryStatus(),
                    now);
              }
              if (rejected.recipientOptedOut()) {
                consent.optOut(current.conversationId(), now);
              }
              LOG.log(Level.INFO, "send rejected message={0} code={1}", id, rejected.errorCode());
              yield new JobResult.Done();
            }
            case SendOutcome.RetryLater retry -> {
              if (stillSending) {
                messages.updateDelivery(
                    id, new DeliveryUpdate(null, DeliveryStatus.PENDING, null, null, now));
              }
              LOG.log(Level.INFO, "send retry_later message={0}: {1}", id, retry.reason());
              yield stillSending ? new JobResult.RetryLater(retry.reason()) : new JobResult.Done();
            }
            case SendOutcome.Unknown unknown -> {
              if (stillSending) {
                messages.updateDelivery(
                    id,
                    new DeliveryUpdate(null, DeliveryStatus.UNKNOWN, null, unknown.reason(), now));
                statusEvents.announce(
                    current.withDelivery(null, DeliveryStatus.UNKNOWN, null, unknown.reason(), now),
                    current.deliveryStatus(),
                    now);
                SettleSmsService.enqueueFirstCheck(jobs, id, firstCheck);
              }
              LOG.log(Level.WARNING, "send unknown message={0}: {1}", id, unknown.reason());
              yield new JobResult.Done();
            }
          };
        });
  }
}
