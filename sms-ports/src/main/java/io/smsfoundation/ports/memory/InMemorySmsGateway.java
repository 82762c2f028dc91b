package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link SmsGateway} that sends nothing: it records every attempt and answers {@code queued}
 * with a fresh SID, unless outcomes were {@linkplain #script scripted} for the destination. It
 * plays the provider's side too: every message it "created" is listed by {@link #sentTo}, also one
 * whose answer was {@linkplain #scriptUnknownAfterCreate lost}. Thread-safe.
 */
public final class InMemorySmsGateway implements SmsGateway {

  /** A scripted answer, and whether the provider created the message all the same. */
  private record Scripted(SendOutcome outcome, boolean created) {}

  /** A message the provider holds. */
  private record Created(PhoneNumber to, ProviderMessage message) {}

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final List<OutboundSms> attempts = new CopyOnWriteArrayList<>();
  private final List<Created> created = new CopyOnWriteArrayList<>();
  private final Map<PhoneNumber, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
  private final Map<String, PriceLookup> prices = new ConcurrentHashMap<>();

  /** A gateway that dates the messages it creates by the system clock. */
  public InMemorySmsGateway() {
    this(Clock.systemUTC());
  }

  /** A gateway that dates the messages it creates by {@code clock}. */
  public InMemorySmsGateway(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The next sends to {@code to} answer these outcomes, in order, then succeed again. A scripted
   * {@link SendOutcome.Sent} creates the message with its SID; the other outcomes create nothing.
   */
  public void script(PhoneNumber to, SendOutcome... outcomes) {
    for (SendOutcome outcome : outcomes) {
      add(to, new Scripted(outcome, outcome instanceof SendOutcome.Sent));
    }
  }

  /**
   * The next send to {@code to} creates the message (status {@code sent}) but answers {@link
   * SendOutcome.Unknown}, as when the provider answers a 5xx after creating it.
   */
  public void scriptUnknownAfterCreate(PhoneNumber to) {
    add(to, new Scripted(new SendOutcome.Unknown("answered 500 after creating the message"), true));
  }

  /** Lookups of {@code providerMessageId}'s price answer {@code answer} from now on. */
  public void price(String providerMessageId, PriceLookup answer) {
    prices.put(providerMessageId, answer);
  }

  /**
   * The price of a message this gateway created: what {@link #price} set, else not priced yet;
   * unknown ids are not found.
   */
  @Override
  public PriceLookup lookupPrice(String providerMessageId) {
    PriceLookup set = prices.get(providerMessageId);
    if (set != null) {
      return set;
    }
    return created.stream().anyMatch(c -> c.message().providerMessageId().equals(providerMessageId))
        ? new PriceLookup.NotYetPriced()
        : new PriceLookup.NotFound();
  }

  /** Every send attempt so far, in order. */
  public List<OutboundSms> attempts() {
    return List.copyOf(attempts);
  }

  /** The messages the provider created for {@code to}, oldest first. */
  public List<ProviderMessage> createdTo(PhoneNumber to) {
    return created.stream().filter(c -> c.to().equals(to)).map(Created::message).toList();
  }

  @Override
  public SendOutcome send(OutboundSms sms) {
    attempts.add(sms);
    Scripted scripted = next(sms.to());
    if (scripted == null) {
      String sid = newSid();
      create(sms, sid, DeliveryStatus.QUEUED);
      return new SendOutcome.Sent(sid, DeliveryStatus.QUEUED);
    }
    if (scripted.created()) {
      if (scripted.outcome() instanceof SendOutcome.Sent sent) {
        create(sms, sent.twilioSid(), sent.status());
      } else {
        create(sms, newSid(), DeliveryStatus.SENT);
      }
    }
    return scripted.outcome();
  }

  @Override
  public List<ProviderMessage> sentTo(PhoneNumber to, Instant since) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(since, "since");
    return created.stream()
        .filter(c -> c.to().equals(to) && !c.message().createdAt().isBefore(since))
        .map(Created::message)
        .sorted(Comparator.comparing(ProviderMessage::createdAt).reversed())
        .toList();
  }

  private void add(PhoneNumber to, Scripted scripted) {
    Deque<Scripted> queue = scripts.computeIfAbsent(to, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.add(scripted);
    }
  }

  private Scripted next(PhoneNumber to) {
    Deque<Scripted> queue = scripts.get(to);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.poll();
    }
  }

  private void create(OutboundSms sms, String sid, DeliveryStatus status) {
    created.add(
        new Created(sms.to(), new ProviderMessage(sid, sms.body(), status, clock.instant())));
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }
}
