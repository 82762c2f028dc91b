package io.smsfoundation.ports.contract;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
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

  /**
   * An inbound picture message in Spanish whose form repeats a parameter name, as webhooks may, so
   * that stores must keep every value.
   */
  public static Message inbound(UUID conversationId, String sid, Instant at) {
    RawForm form =
        RawForm.builder()
            .add("MessageSid", sid)
            .add("From", "+12015550123")
            .add("To", "+15005550006")
            .add("Body", "Hola, ¿cuándo pasan a arreglar la llave? 👍")
            .add("NumMedia", "1")
            .add("MediaUrl0", "https://media.example/abc")
            .add("Tag", "b")
            .add("Tag", "a")
            .build();
    return Message.inbound(
        UUID.randomUUID(),
        conversationId,
        sid,
        "+12015550123",
        "+15005550006",
        "Hola, ¿cuándo pasan a arreglar la llave? 👍",
        1,
        MessageEncoding.UCS_2,
        List.of(new Media("https://media.example/abc", "image/jpeg")),
        1,
        new LanguageDetection(Language.ES, 0.91),
        form,
        at);
  }

  /** An inbound message with the given body and raw form. */
  public static Message inbound(
      UUID conversationId, String sid, Instant at, String body, RawForm form) {
    return Message.inbound(
        UUID.randomUUID(),
        conversationId,
        sid,
        "+12015550123",
        "+15005550006",
        body,
        1,
        MessageEncoding.UCS_2,
        List.of(),
        0,
        new LanguageDetection(Language.UNKNOWN, 0.0),
        form,
        at);
  }

  public static Message outbound(UUID conversationId, String idempotencyKey, Instant at) {
    return Message.outbound(
        UUID.randomUUID(),
        conversationId,
        "+12015550123",
        "Your rent receipt is ready.",
        Segments.of("Your rent receipt is ready."),
        idempotencyKey,
        idempotencyKey == null ? null : "f".repeat(64),
        at);
  }

  public static StatusEvent event(UUID messageId, String sid, String status, Instant at) {
    return new StatusEvent(
        UUID.randomUUID(),
        messageId,
        sid,
        DeliveryStatus.of(status),
        null,
        false,
        RawForm.ofSingleValues(
            Map.of("MessageSid", sid == null ? "" : sid, "MessageStatus", status)),
        at);
  }
}
