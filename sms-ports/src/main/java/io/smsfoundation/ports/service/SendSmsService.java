package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.idempotency.IdempotencyDecision;
import io.smsfoundation.domain.idempotency.RequestFingerprint;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.in.SendSms;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts outbound messages: validates the destination (or picks the tenant's most recently used
 * number), refuses opted-out recipients, honours idempotency keys, stores the message with a send
 * job in one transaction, then waits briefly so that a fast send can answer with its SID.
 */
public final class SendSmsService implements SendSms {

  private static final System.Logger LOG = System.getLogger(SendSmsService.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final MessageStore messages;
  private final TenantNumbers tenantNumbers;
  private final JobQueue jobs;
  private final PhoneNumbers phones;
  private final SendCompletions completions;
  private final Duration wait;
  private final ServiceClock clock;
  private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param wait how long a request waits for its send job before answering with status {@code
   *     pending}; zero answers at once
   */
  public SendSmsService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      MessageStore messages,
      TenantNumbers tenantNumbers,
      JobQueue jobs,
      PhoneNumbers phones,
      SendCompletions completions,
      Duration wait,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.tenantNumbers = tenantNumbers;
    this.jobs = jobs;
    this.phones = phones;
    this.completions = completions;
    this.wait = wait;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public SendResult send(SendCommand command) {
    Optional<PhoneNumber> destination = destination(command);
    if (destination.isEmpty()) {
      return new SendResult.ConversationNotFound();
    }
    PhoneNumber to = destination.get();
    String fingerprint = fingerprint(command);
    String key = command.idempotencyKey();
    if (key == null) {
      return sendNew(command, to, fingerprint);
    }
    if (!keysInFlight.add(key)) {
      return new SendResult.IdempotencyInFlight();
    }
    try {
      Optional<Message> earlier = messages.findByIdempotencyKey(key);
      IdempotencyDecision decision =
          IdempotencyDecision.decide(
              earlier.map(Message::requestFingerprint).orElse(null), fingerprint, false);
      return switch (decision) {
        case IdempotencyDecision.Replay replay -> new SendResult.Replayed(receipt(earlier.get()));
        case IdempotencyDecision.Mismatch mismatch -> new SendResult.IdempotencyMismatch();
        case IdempotencyDecision.InFlight inFlight -> new SendResult.IdempotencyInFlight();
        case IdempotencyDecision.Proceed proceed -> sendNew(command, to, fingerprint);
      };
    } finally {
      keysInFlight.remove(key);
    }
  }

  private SendResult sendNew(SendCommand command, PhoneNumber to, String fingerprint) {
    Optional<Conversation> existing = conversations.findByCanonical(to.e164());
    if (existing.map(Conversation::optedOut).orElse(false)) {
      LOG.log(Level.INFO, "send refused opted_out to={0}", to.masked());
      return new SendResult.OptedOut();
    }
    Segments segments = Segments.of(command.body());
    Instant now = clock.now();
    UUID messageId = clock.newId();
    completions.expect(messageId);
    Optional<Message> stored =
        unitOfWork.inTransaction(
            tx -> {
              Address address =
                  new Address(
                      to.e164(),
                      command.to() == null ? to.e164() : command.to(),
                      PhoneNumberKind.E164);
              Conversation conversation =
                  conversations.upsert(Conversation.startedAt(clock.newId(), address, now));
              Message message =
                  Message.outbound(
                      messageId,
                      conversation.id(),
                      to.e164(),
                      command.body(),
                      segments,
                      command.idempotencyKey(),
                      fingerprint,
                      now);
              if (!messages.insert(message)) {
                tx.setRollbackOnly();
                return Optional.<Message>empty();
              }
              jobs.enqueue(new Job(Job.Type.SEND_SMS, messageId.toString()));
              return Optional.of(message);
            });
    if (stored.isEmpty()) {
      // another instance stored the same idempotency key first: answer as for a repeat
      completions.forget(messageId);
      Message winner = messages.findByIdempotencyKey(command.idempotencyKey()).orElseThrow();
      return fingerprint.equals(winner.requestFingerprint())
          ? new SendResult.Replayed(receipt(winner))
          : new SendResult.IdempotencyMismatch();
    }
    completions.await(messageId, wait);
    Message current = messages.findById(messageId).orElse(stored.get());
    LOG.log(
        Level.INFO,
        "send accepted message={0} to={1} segments={2} status={3}",
        messageId,
        to.masked(),
        segments.count(),
        current.deliveryStatus());
    return new SendResult.Accepted(receipt(current));
  }

  /**
   * The number to send to: {@code to}, else the conversation's number, else the tenant's most
   * recently used one; empty when the named conversation does not exist.
   */
  private Optional<PhoneNumber> destination(SendCommand command) {
    Optional<PhoneNumber> to =
        Optional.ofNullable(command.to())
            .map(
                text ->
                    phones
                        .parseValid(text)
                        .orElseThrow(
                            () -> InvalidCommandException.of("to", "is not a valid phone number")));
    if (command.conversationId() != null) {
      Optional<Conversation> conversation = conversations.findById(command.conversationId());
      if (conversation.isEmpty()) {
        return Optional.empty();
      }
      PhoneNumber number = numberOf(conversation.get(), command);
      if (to.isPresent() && !to.get().e164().equals(number.e164())) {
        throw InvalidCommandException.of("to", "is not the number of conversation_id");
      }
      return Optional.of(number);
    }
    if (to.isPresent()) {
      return to;
    }
    return Optional.of(
        tenantNumbers.numbersOf(command.tenantId()).stream()
            .map(phones::parseValid)
            .flatMap(Optional::stream)
            .findFirst()
            .orElseThrow(
                () -> InvalidCommandException.of("tenant_id", "has no known phone number")));
  }

  /** The phone number of a conversation the request names, checked against its tenant. */
  private PhoneNumber numberOf(Conversation conversation, SendCommand command) {
    if (command.tenantId() != null
        && conversation.hasTenant()
        && !conversation.tenantId().equals(command.tenantId())) {
      throw InvalidCommandException.of("tenant_id", "is not the tenant of conversation_id");
    }
    if (conversation.address().kind() != PhoneNumberKind.E164) {
      throw InvalidCommandException.of(
          "conversation_id", "has no phone number that can receive SMS");
    }
    return phones
        .parseValid(conversation.address().canonical())
        .orElseThrow(
            () ->
                InvalidCommandException.of(
                    "conversation_id", "has no phone number that can receive SMS"));
  }

  /**
   * What the request asked for, to tell a replay of its idempotency key from a misuse. A request
   * without a conversation id hashes as it always did, so stored keys keep replaying.
   */
  private static String fingerprint(SendCommand command) {
    return command.conversationId() == null
        ? RequestFingerprint.of(command.to(), command.tenantId(), command.body())
        : RequestFingerprint.of(
            command.to(), command.tenantId(), command.body(), command.conversationId().toString());
  }

  private static Receipt receipt(Message message) {
    return new Receipt(
        message.id(),
        message.conversationId(),
        message.deliveryStatus(),
        message.twilioSid(),
        message.numSegments(),
        message.encoding());
  }
}
