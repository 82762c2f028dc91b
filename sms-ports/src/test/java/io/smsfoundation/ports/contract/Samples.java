package io.smsfoundation.ports.contract;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders of realistic records for the contract suites. */
public final class Samples {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger NUMBERS = new AtomicInteger(100);

  /** A fixed, microsecond-precise instant to build times from. */
  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

  private Samples() {}

  public static Instant at(long secondsAfterT0) {
    return T0.plus(secondsAfterT0, ChronoUnit.SECONDS);
  }

  public static String sid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  /** A fresh E.164 number in the fictional 555-01xx range's neighbourhood. */
  public static String e164() {
    return String.format("+1201555%04d", NUMBERS.incrementAndGet() % 10000);
  }

  public static Address address(String e164) {
    return new Address(e164, e164.substring(2), PhoneNumberKind.E164);
  }

  public static Conversation conversation(String e164, Instant at) {
    return Conversation.startedAt(UUID.randomUUID(), address(e164), at);
  }

  public static Message inbound(UUID conversationId, String sid, Instant at) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("From", "+12015550123");
    form.put("To", "+15005550006");
    form.put("Body", "Hola, ¿cuándo pasan a arreglar la llave? 👍");
    form.put("NumMedia", "1");
    form.put("MediaUrl0", "https://media.example/abc");
    return new Message(
        UUID.randomUUID(),
        conversationId,
        Direction.INBOUND,
        sid,
        "+12015550123",
        "+15005550006",
        "Hola, ¿cuándo pasan a arreglar la llave? 👍",
        1,
        MessageEncoding.UCS_2,
        1,
        List.of(new Media("https://media.example/abc", "image/jpeg")),
        DeliveryStatus.RECEIVED,
        null,
        null,
        new LanguageDetection(Language.ES, 0.91),
        form,
        null,
        null,
        at,
        at);
  }

  public static Message outbound(UUID conversationId, String idempotencyKey, Instant at) {
    return new Message(
        UUID.randomUUID(),
        conversationId,
        Direction.OUTBOUND,
        null,
        null,
        "+12015550123",
        "Your rent receipt is ready.",
        1,
        MessageEncoding.GSM_7,
        0,
        List.of(),
        DeliveryStatus.PENDING,
        null,
        null,
        null,
        Map.of(),
        idempotencyKey,
        idempotencyKey == null ? null : "f".repeat(64),
        at,
        at);
  }

  public static StatusEvent event(UUID messageId, String sid, String status, Instant at) {
    return new StatusEvent(
        UUID.randomUUID(),
        messageId,
        sid,
        DeliveryStatus.of(status),
        null,
        Map.of("MessageSid", sid == null ? "" : sid, "MessageStatus", status),
        at);
  }
}
