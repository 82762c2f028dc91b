package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.PhoneMask;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The settle job: finds out what became of a send whose outcome was {@code unknown} by asking the
 * provider for the messages our sender sent to the destination since the attempt. The one that is
 * ours (same body, not the provider id of another of our messages) is adopted as a status callback
 * would be: its id and status. Not found at the first check, the job asks again after the second
 * delay; not found twice, the message goes back to {@code pending} and is sent once more. A message
 * that was sent again is never sent a third time: not found twice more, it stays {@code unknown}.
 * Every decision joins the message's status history under a {@code settle_...} status.
 */
final class SettleSmsService {

  private static final System.Logger LOG = System.getLogger(SettleSmsService.class.getName());

  /** Checked once, nothing found; a second check follows. */
  static final DeliveryStatus NOT_FOUND = DeliveryStatus.of("settle_not_found");

  /** Checked once after the message was sent again, nothing found. */
  static final DeliveryStatus NOT_FOUND_AFTER_RESEND =
      DeliveryStatus.of("settle_not_found_after_resend");

  /** The provider's message was found and adopted. */
  static final DeliveryStatus ADOPTED = DeliveryStatus.of("settle_adopted");

  /** Not found twice: back to {@code pending}, sent once more; also the mark that it was. */
  static final DeliveryStatus RESENT = DeliveryStatus.of("settle_resent");

  /** Sent again already and not found twice more: left {@code unknown}. */
  static final DeliveryStatus LEFT_UNKNOWN = DeliveryStatus.of("settle_left_unknown");

  /** The gateway cannot list the provider's messages: left {@code unknown}. */
  static final DeliveryStatus CANNOT_LIST = DeliveryStatus.of("settle_cannot_list");

  /**
   * How far before the moment the send became unknown the provider's list is read: the attempt
   * itself started earlier (timeouts, retries within the gateway), and the provider's clock may be
   * a little off ours.
   */
  static final Duration SINCE_MARGIN = Duration.ofMinutes(2);

  private final UnitOfWork unitOfWork;
  private final MessageStore messages;
  private final SmsGateway gateway;
  private final JobQueue jobs;
  private final StatusEvents statusEvents;
  private final Duration secondCheck;
  private final ServiceClock clock;

  SettleSmsService(
      UnitOfWork unitOfWork,
      MessageStore messages,
      ConversationStore conversations,
      SmsGateway gateway,
      JobQueue jobs,
      EventRecorder events,
      Duration secondCheck,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.gateway = gateway;
    this.jobs = jobs;
    this.statusEvents = new StatusEvents(messages, conversations, events, jobs);
    this.secondCheck = secondCheck;
    this.clock = new ServiceClock(clock);
  }

  /** Enqueues the first check of a message that just became {@code unknown}, inside its unit. */
  static void enqueueFirstCheck(JobQueue jobs, UUID messageId, Duration firstCheck) {
    jobs.enqueue(new Job(Job.Type.SETTLE_SMS, messageId.toString()), firstCheck);
  }

  /** Runs the settle job of one message. */
  JobResult settle(UUID messageId) {
    Optional<Message> found = messages.findById(messageId).filter(SettleSmsService::unsettled);
    if (found.isEmpty()) {
      return new JobResult.Done();
    }
    Message message = found.get();
    Instant since = message.updatedAt().minus(SINCE_MARGIN);
    List<ProviderMessage> listed;
    try {
      listed = gateway.sentTo(new PhoneNumber(message.to()), since);
    } catch (SmsGateway.ListingFailed e) {
      LOG.log(
          Level.WARNING,
          "settle unavailable message={0} to={1}: {2}",
          messageId,
          PhoneMask.mask(message.to()),
          e.getMessage());
      return new JobResult.RetryLater("provider list unavailable: " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      return unitOfWork.inTransaction(tx -> cannotList(messageId));
    }
    return unitOfWork.inTransaction(tx -> decide(messageId, listed, since));
  }

  private JobResult decide(UUID messageId, List<ProviderMessage> listed, Instant since) {
    Optional<Message> locked = messages.lockById(messageId).filter(SettleSmsService::unsettled);
    if (locked.isEmpty()) {
      // a status callback settled it while the provider was asked
      return new JobResult.Done();
    }
    Message message = locked.get();
    Optional<ProviderMessage> ours =
        listed.stream()
            .filter(candidate -> candidate.body().equals(message.content()))
            .filter(candidate -> notAnotherMessagesId(candidate, messageId))
            .min(Comparator.comparing(ProviderMessage::createdAt));
    if (ours.isPresent()) {
      return adopt(message, ours.get(), listed.size());
    }
    List<StatusEvent> history = messages.statusEvents(messageId);
    boolean resent = has(history, RESENT);
    DeliveryStatus notFound = resent ? NOT_FOUND_AFTER_RESEND : NOT_FOUND;
    Instant now = clock.now();
    String mask = PhoneMask.mask(message.to());
    if (!has(history, notFound)) {
      record(message, notFound, null, listed.size(), since, now);
      LOG.log(
          Level.INFO,
          "settle not_found message={0} to={1} listed={2}: checking again in {3} s",
          messageId,
          mask,
          listed.size(),
          secondCheck.toSeconds());
      return new JobResult.RetryLater("not found at the provider yet", secondCheck);
    }
    if (resent) {
      record(message, LEFT_UNKNOWN, null, listed.size(), since, now);
      LOG.log(
          Level.WARNING,
          "settle left_unknown message={0} to={1}: not found after it was sent again; not sent a"
              + " third time",
          messageId,
          mask);
      return new JobResult.Done();
    }
    record(message, RESENT, null, listed.size(), since, now);
    String reason = "not found at the provider twice; sent again";
    messages.updateDelivery(
        messageId, new DeliveryUpdate(null, DeliveryStatus.PENDING, null, reason, now));
    statusEvents.announce(
        message.withDelivery(null, DeliveryStatus.PENDING, message.errorCode(), reason, now),
        message.deliveryStatus(),
        now);
    jobs.enqueue(new Job(Job.Type.SEND_SMS, messageId.toString()));
    LOG.log(
        Level.WARNING,
        "settle resent message={0} to={1}: not found at the provider twice, sending once more",
        messageId,
        mask);
    return new JobResult.Done();
  }

  /** Records the provider's message as a status callback would: its id, then its status. */
  private JobResult adopt(Message message, ProviderMessage ours, int listed) {
    Instant now = clock.now();
    String sid = ours.providerMessageId();
    record(message, ADOPTED, sid, listed, null, now);
    messages.appendStatusEvent(
        new StatusEvent(
            clock.newId(),
            message.id(),
            sid,
            ours.status(),
            null,
            false,
            RawForm.builder().add("source", "settle").add("status", ours.status().code()).build(),
            now));
    DeliveryStatus status =
        statusEvents.apply(message, sid, ours.status(), null, false, now).statusAfter();
    Message adopted =
        message.withDelivery(sid, status, message.errorCode(), message.errorMessage(), now);
    status = statusEvents.applyKept(adopted, sid, now);
    LOG.log(
        Level.INFO,
        "settle adopted message={0} to={1} sid={2} status={3}",
        message.id(),
        PhoneMask.mask(message.to()),
        sid,
        status);
    return new JobResult.Done();
  }

  private JobResult cannotList(UUID messageId) {
    Optional<Message> locked = messages.lockById(messageId).filter(SettleSmsService::unsettled);
    if (locked.isPresent()) {
      record(locked.get(), CANNOT_LIST, null, 0, null, clock.now());
      LOG.log(
          Level.WARNING,
          "settle cannot_list message={0}: the gateway cannot list the provider''s messages; left"
              + " unknown",
          messageId);
    }
    return new JobResult.Done();
  }

  private boolean notAnotherMessagesId(ProviderMessage candidate, UUID messageId) {
    return messages
        .findBySid(candidate.providerMessageId())
        .map(owner -> owner.id().equals(messageId))
        .orElse(true);
  }

  /** Appends one decision to the message's history; the form says what was looked at. */
  private void record(
      Message message,
      DeliveryStatus decision,
      String sid,
      int listed,
      Instant since,
      Instant now) {
    RawForm.Builder form =
        RawForm.builder()
            .add("source", "settle")
            .add("decision", decision.code())
            .add("listed", Integer.toString(listed));
    if (since != null) {
      form.add("since", since.toString());
    }
    messages.appendStatusEvent(
        new StatusEvent(
            clock.newId(), message.id(), sid, decision, null, false, form.build(), now));
  }

  private static boolean has(List<StatusEvent> history, DeliveryStatus decision) {
    return history.stream().anyMatch(event -> event.status().equals(decision));
  }

  /** Outbound, {@code unknown} and without a provider id: what this job settles. */
  private static boolean unsettled(Message message) {
    return message.isOutbound()
        && message.deliveryStatus().equals(DeliveryStatus.UNKNOWN)
        && message.twilioSid() == null;
  }
}
