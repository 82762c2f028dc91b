package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The price job: once an outbound message has settled, asks the provider what it billed and keeps
 * the price with the message. Providers price a message some time after it settled, so a message
 * not priced yet is asked about again every {@link #ASK_AGAIN_AFTER}, for at most {@link
 * #GIVE_UP_AFTER} after its last status change.
 */
final class FetchPriceService {

  private static final System.Logger LOG = System.getLogger(FetchPriceService.class.getName());

  /** How long to wait before asking again about a message not priced yet. */
  static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(1);

  /** How long after its last status change a message is still asked about. */
  static final Duration GIVE_UP_AFTER = Duration.ofDays(1);

  private final UnitOfWork unitOfWork;
  private final MessageStore messages;
  private final SmsGateway gateway;
  private final ServiceClock clock;

  FetchPriceService(UnitOfWork unitOfWork, MessageStore messages, SmsGateway gateway, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.gateway = gateway;
    this.clock = new ServiceClock(clock);
  }

  /** Runs the price job of one message. */
  JobResult fetch(UUID messageId) {
    Optional<Message> found = messages.findById(messageId);
    if (found.isEmpty() || found.get().twilioSid() == null || found.get().usage().price() != null) {
      return new JobResult.Done();
    }
    Message message = found.get();
    return switch (gateway.lookupPrice(message.twilioSid())) {
      case PriceLookup.Priced priced -> {
        unitOfWork.inTransaction(
            tx -> {
              messages.recordPrice(messageId, priced.price(), priced.unit());
              return null;
            });
        LOG.log(
            Level.INFO,
            "price recorded message={0} sid={1} price={2} {3}",
            messageId,
            message.twilioSid(),
            priced.price(),
            priced.unit());
        yield new JobResult.Done();
      }
      case PriceLookup.NotFound notFound -> {
        LOG.log(
            Level.WARNING,
            "price not looked up message={0} sid={1}: the provider knows no such message",
            messageId,
            message.twilioSid());
        yield new JobResult.Done();
      }
      case PriceLookup.NotYetPriced notYet -> askAgain(message, "not priced yet");
      case PriceLookup.Unavailable unavailable -> askAgain(message, unavailable.reason());
    };
  }

  private JobResult askAgain(Message message, String reason) {
    if (Duration.between(message.updatedAt(), clock.now()).compareTo(GIVE_UP_AFTER) > 0) {
      LOG.log(
          Level.WARNING,
          "price given up message={0} sid={1}: {2} a day after the message settled",
          message.id(),
          message.twilioSid(),
          reason);
      return new JobResult.Done();
    }
    return new JobResult.RetryLater(reason, ASK_AGAIN_AFTER);
  }
}
