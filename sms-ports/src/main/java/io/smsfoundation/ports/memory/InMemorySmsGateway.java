package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

  /** The next sends to {@code to} answer these outcomes, in order, then succeed again. */
  public void script(PhoneNumber to, SendOutcome... outcomes) {
    Deque<SendOutcome> queue = scripts.computeIfAbsent(to, k -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(outcomes));
    }
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
    return new SendOutcome.Sent(newSid(), DeliveryStatus.QUEUED);
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }
}
