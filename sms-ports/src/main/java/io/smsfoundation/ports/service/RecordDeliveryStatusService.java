package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.DeliveryChange;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Records delivery-status reports: every new one joins the message's history, the status of an
 * outbound message moves forward only, duplicates are skipped, a report naming an inbound message
 * changes nothing, reports for a message not yet known are kept until its provider id appears, and
 * a report whose message id and provider id name different messages is kept apart and changes
 * neither.
 */
public final class RecordDeliveryStatusService implements RecordDeliveryStatus {

  private static final System.Logger LOG =
      System.getLogger(RecordDeliveryStatusService.class.getName());

  private final UnitOfWork unitOfWork;
  private final MessageStore messages;
  private final StatusEvents statusEvents;
  private final ServiceClock clock;

  RecordDeliveryStatusService(
      UnitOfWork unitOfWork,
      MessageStore messages,
      ConversationStore conversations,
      EventRecorder events,
      JobQueue jobs,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.statusEvents = new StatusEvents(messages, conversations, events, jobs);
    this.clock = new ServiceClock(clock);
  }

  @Override
  public StatusOutcome record(StatusReport report) {
    DeliveryStatus reported = DeliveryStatus.of(report.status());
    Instant now = clock.now();
    return unitOfWork.inTransaction(
        tx -> {
          Optional<Message> named =
              Optional.ofNullable(report.messageId()).flatMap(messages::lockById);
          if (named.isPresent() && conflicts(named.get(), report.providerMessageId())) {
            return conflicting(named.get(), report, reported, now);
          }
          Optional<Message> found = named.or(() -> messages.lockBySid(report.providerMessageId()));
          if (found.isEmpty()) {
            messages.appendStatusEvent(event(null, report, reported, now));
            return new StatusOutcome.Kept(report.providerMessageId());
          }
          Message message = found.get();
          if (!messages.appendStatusEvent(event(message, report, reported, now))) {
            return new StatusOutcome.Unchanged(message.id(), message.deliveryStatus(), true);
          }
          DeliveryChange change =
              statusEvents.apply(
                  message,
                  report.providerMessageId(),
                  reported,
                  report.errorCode(),
                  report.recipientOptedOut(),
                  now);
          return switch (change) {
            case DeliveryChange.Moved moved ->
                new StatusOutcome.Applied(message.id(), moved.previous(), moved.next());
            case DeliveryChange.Unchanged unchanged ->
                new StatusOutcome.Unchanged(message.id(), unchanged.current(), false);
            case DeliveryChange.NotOutbound notOutbound -> {
              LOG.log(
                  Level.WARNING,
                  "status report {0} names inbound message {1}; kept, nothing changed",
                  reported,
                  message.id());
              yield new StatusOutcome.NotOutbound(message.id());
            }
          };
        });
  }

  /**
   * Whether the provider id belongs to another message than {@code named}: {@code named} has
   * another one, or has none yet and another message has this one.
   */
  private boolean conflicts(Message named, String providerMessageId) {
    if (named.twilioSid() != null) {
      return !named.twilioSid().equals(providerMessageId);
    }
    return messages
        .findBySid(providerMessageId)
        .filter(other -> !other.id().equals(named.id()))
        .isPresent();
  }

  private StatusOutcome conflicting(
      Message named, StatusReport report, DeliveryStatus reported, Instant now) {
    messages.keepConflictingStatusEvent(event(named, report, reported, now));
    // the provider id stays out of the log: when it names no message it is just text from outside
    LOG.log(
        Level.WARNING,
        "status report {0} names message {1} but carries another message''s provider id;"
            + " kept apart in the conflicting reports, nothing changed",
        reported,
        named.id());
    return new StatusOutcome.Conflicting(named.id(), report.providerMessageId());
  }

  private StatusEvent event(
      Message message, StatusReport report, DeliveryStatus reported, Instant now) {
    return new StatusEvent(
        clock.newId(),
        message == null ? null : message.id(),
        report.providerMessageId(),
        reported,
        report.errorCode(),
        report.recipientOptedOut(),
        report.rawForm(),
        now);
  }
}
