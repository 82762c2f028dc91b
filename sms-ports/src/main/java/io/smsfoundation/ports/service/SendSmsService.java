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
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts outbound messages: validates the destination (or picks the tenant's most recently used
 * number, or for a tenant who never texted the first mobile number the directory has), refuses
 * opted-out recipients, honours idempotency keys, stores the message with a send job in one
 * transaction, then waits briefly so that a fast send can answer with its SID. The directory is
 * asked before any transaction starts, and waited for at most the directory wait.
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
  private final TenantDirectory directory;
  private final Duration directoryWait;

  /**
   * How long a request may hold its idempotency key beyond its own wait: the claim of an instance
   * that died frees itself after this.
   */
  static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

  /**
   * @param wait how long a request waits for its send job before answering with status {@code
   *     pending}; zero answers at once
   * @param directoryWait how long a send to a tenant who never texted waits for the directory's
   *     answer before it answers "unavailable"
   */
  public SendSmsService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      MessageStore messages,
      TenantNumbers tenantNumbers,
      TenantDirectory directory,
      JobQueue jobs,
      PhoneNumbers phones,
      SendCompletions completions,
      Duration wait,
      Duration directoryWait,
      Clock clock) {
    this.directory = directory;
    this.directoryWait = directoryWait;
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
    PhoneNumber to;
    switch (destination(command)) {
      case Destination.Number number -> to = number.to();
      case Destination.Refused refused -> {
        return refused.result();
      }
    }
    String fingerprint = fingerprint(command);
    String key = command.idempotencyKey();
    if (key == null) {
      return sendNew(command, to, fingerprint);
    }
    UUID claim = clock.newId();
    Instant now = clock.now();
    boolean claimed =
        messages.claimIdempotencyKey(key, claim, now.plus(wait).plus(CLAIM_MARGIN), now);
    try {
      Optional<Message> earlier = messages.findByIdempotencyKey(key);
      IdempotencyDecision decision =
          IdempotencyDecision.decide(
              earlier.map(Message::requestFingerprint).orElse(null), fingerprint, !claimed);
      return switch (decision) {
        case IdempotencyDecision.Replay replay -> new SendResult.Replayed(receipt(earlier.get()));
        case IdempotencyDecision.Mismatch mismatch -> new SendResult.IdempotencyMismatch();
        case IdempotencyDecision.InFlight inFlight -> new SendResult.IdempotencyInFlight();
        case IdempotencyDecision.Proceed proceed -> sendNew(command, to, fingerprint);
      };
    } finally {
      if (claimed) {
        release(key, claim);
      }
    }
  }

  /**
   * Ends this request's claim on its key. A claim that cannot be ended (the database went away
   * after the answer was decided) does not change the answer: it expires by itself.
   */
  private void release(String key, UUID claim) {
    try {
      messages.releaseIdempotencyKey(key, claim);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "idempotency claim {0} not released, it expires within {1} s: {2}",
          claim,
          wait.plus(CLAIM_MARGIN).toSeconds(),
          e.toString());
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

  /** Where a request sends to, or why it cannot be sent. */
  private sealed interface Destination {
    record Number(PhoneNumber to) implements Destination {}

    record Refused(SendResult result) implements Destination {}
  }

  /**
   * The number to send to: {@code to}, else the conversation's number, else the tenant's most
   * recently used one, else the first mobile number the directory has for the tenant.
   */
  private Destination destination(SendCommand command) {
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
        return new Destination.Refused(new SendResult.ConversationNotFound());
      }
      PhoneNumber number = numberOf(conversation.get(), command);
      if (to.isPresent() && !to.get().e164().equals(number.e164())) {
        throw InvalidCommandException.of("to", "is not the number of conversation_id");
      }
      return new Destination.Number(number);
    }
    if (to.isPresent()) {
      return new Destination.Number(to.get());
    }
    Optional<PhoneNumber> used =
        tenantNumbers.numbersOf(command.tenantId()).stream()
            .map(phones::parseValid)
            .flatMap(Optional::stream)
            .findFirst();
    return used.isPresent()
        ? new Destination.Number(used.get())
        : fromDirectory(command.tenantId());
  }

  /**
   * For a tenant who never texted: the directory's numbers are recorded (source {@code directory},
   * mobile numbers first, so that later sends pick the same one) and the first mobile one is the
   * destination.
   */
  private Destination fromDirectory(String tenantId) {
    TenantLookup answer = askDirectory(tenantId);
    switch (answer) {
      case TenantLookup.NotFound notFound -> {
        LOG.log(Level.INFO, "send refused tenant_not_found tenant={0}", tenantId);
        return new Destination.Refused(new SendResult.TenantNotFound());
      }
      case TenantLookup.Unavailable unavailable -> {
        LOG.log(
            Level.WARNING,
            "send refused directory_unavailable tenant={0}: {1}",
            tenantId,
            unavailable.reason());
        return new Destination.Refused(new SendResult.DirectoryUnavailable(unavailable.reason()));
      }
      case TenantLookup.Found found -> {
        Set<PhoneNumber> valid = new LinkedHashSet<>();
        found.tenant().phoneNumbers().stream()
            .map(phones::parseValid)
            .flatMap(Optional::stream)
            .forEach(valid::add);
        List<String> preferred = new ArrayList<>();
        valid.stream().filter(phones::isMobile).map(PhoneNumber::e164).forEach(preferred::add);
        Optional<String> first = preferred.stream().findFirst();
        valid.stream()
            .map(PhoneNumber::e164)
            .filter(n -> !preferred.contains(n))
            .forEach(preferred::add);
        if (!preferred.isEmpty()) {
          Instant now = clock.now();
          unitOfWork.inTransaction(
              tx -> {
                tenantNumbers.recordFromDirectory(tenantId, preferred, now);
                return null;
              });
        }
        return new Destination.Number(
            first
                .map(PhoneNumber::new)
                .orElseThrow(
                    () ->
                        InvalidCommandException.of(
                            "tenant_id", "has no mobile phone number in the tenant directory")));
      }
    }
  }

  /**
   * The directory's answer about a tenant, waited for at most {@link #directoryWait}: a slow
   * directory must not hold the caller (nor a request thread) for the whole of its own retries. The
   * call runs on a virtual thread that is interrupted when the wait is over.
   */
  private TenantLookup askDirectory(String tenantId) {
    CompletableFuture<TenantLookup> answer = new CompletableFuture<>();
    Thread call =
        Thread.ofVirtual()
            .name("directory-tenant")
            .start(
                () -> {
                  try {
                    answer.complete(directory.tenantById(tenantId));
                  } catch (RuntimeException | Error e) {
                    answer.completeExceptionally(e);
                  }
                });
    try {
      return answer.get(directoryWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      call.interrupt();
      return new TenantLookup.Unavailable(
          "no answer within " + directoryWait.toMillis() + " ms", 0);
    } catch (InterruptedException interrupted) {
      call.interrupt();
      Thread.currentThread().interrupt();
      return new TenantLookup.Unavailable("interrupted", 0);
    } catch (ExecutionException failed) {
      throw new IllegalStateException("the tenant directory failed", failed.getCause());
    }
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
