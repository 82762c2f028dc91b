package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link SmsGateway} that sends nothing: it records every attempt and answers {@code queued}
 * with a fresh SID, unless outcomes were {@linkplain #script scripted} for the destination.
 * Thread-safe.
 */
public final class InMemorySmsGateway implements SmsGateway {

  private final SecureRandom random = new SecureRandom();
  private final List<OutboundSms> attempts = new CopyOnWriteArrayList<>();
  private final Map<PhoneNumber, Deque<SendOutcome>> scripts = new ConcurrentHashMap<>();
  private final Map<String, PriceLookup> prices = new ConcurrentHashMap<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  /** The next sends to {@code to} answer these outcomes, in order, then succeed again. */
  public void script(PhoneNumber to, SendOutcome... outcomes) {
    Deque<SendOutcome> queue = scripts.computeIfAbsent(to, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(outcomes));
    }
  }

  /** Lookups of {@code providerMessageId}'s price answer {@code answer} from now on. */
  public void price(String providerMessageId, PriceLookup answer) {
    prices.put(providerMessageId, answer);
  }

  /**
   * The price of a message this gateway sent: what {@link #price} set, else not priced yet; unknown
   * ids are not found.
   */
  @Override
  public PriceLookup lookupPrice(String providerMessageId) {
    PriceLookup set = prices.get(providerMessageId);
    if (set != null) {
      return set;
    }
    return sent.contains(providerMessageId)
        ? new PriceLookup.NotYetPriced()
        : new PriceLookup.NotFound();
  }

  /** Every send attempt so far, in order. */
  public List<OutboundSms> attempts() {
    return List.copyOf(attempts);
  }

  @Override
  public SendOutcome send(OutboundSms sms) {
    attempts.add(sms);
    Deque<SendOutcome> queue = scripts.get(sms.to());
    if (queue != null) {
      synchronized (queue) {
        SendOutcome scripted = queue.poll();
        if (scripted != null) {
          return scripted;
        }
      }
    }
    String sid = newSid();
    sent.add(sid);
    return new SendOutcome.Sent(sid, DeliveryStatus.QUEUED);
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }
}
