package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Records delivery-status callbacks: every new one joins the message's history, the status moves
 * forward only, duplicates are skipped, and callbacks for a message not yet known are kept until
 * its SID appears.
 */
public final class RecordDeliveryStatusService implements RecordDeliveryStatus {

  private final UnitOfWork unitOfWork;
  private final MessageStore messages;
  private final StatusEvents statusEvents;
  private final ServiceClock clock;

  public RecordDeliveryStatusService(
      UnitOfWork unitOfWork, MessageStore messages, ConversationStore conversations, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.statusEvents = new StatusEvents(messages, conversations);
    this.clock = new ServiceClock(clock);
  }

  @Override
  public StatusOutcome record(StatusCallback callback) {
    DeliveryStatus reported = DeliveryStatus.of(callback.status());
    Instant now = clock.now();
    return unitOfWork.inTransaction(
        tx -> {
          Optional<Message> found =
              Optional.ofNullable(callback.messageId())
                  .flatMap(messages::lockById)
                  .or(() -> messages.lockBySid(callback.messageSid()));
          if (found.isEmpty()) {
            messages.appendStatusEvent(event(null, callback, reported, now));
            return new StatusOutcome.Kept(callback.messageSid());
          }
          Message message = found.get();
          if (!messages.appendStatusEvent(event(message, callback, reported, now))) {
            return new StatusOutcome.Unchanged(message.id(), message.deliveryStatus(), true);
          }
          DeliveryStatus next =
              statusEvents.apply(
                  message, callback.messageSid(), reported, callback.errorCode(), now);
          if (next.equals(message.deliveryStatus())) {
            return new StatusOutcome.Unchanged(message.id(), next, false);
          }
          return new StatusOutcome.Applied(message.id(), message.deliveryStatus(), next);
        });
  }

  private StatusEvent event(
      Message message, StatusCallback callback, DeliveryStatus reported, Instant now) {
    return new StatusEvent(
        clock.newId(),
        message == null ? null : message.id(),
        callback.messageSid(),
        reported,
        callback.errorCode(),
        callback.rawForm(),
        now);
  }
}
