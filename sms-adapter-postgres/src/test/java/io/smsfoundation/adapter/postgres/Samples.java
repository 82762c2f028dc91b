package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Domain values for the tests of this module. */
final class Samples {

  /** A whole-microsecond instant: PostgreSQL keeps microseconds. */
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private Samples() {}

  static Address address(String e164) {
    return new Address(e164, e164, PhoneNumberKind.E164);
  }

  static String randomE164() {
    return "+1201555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
  }

  static Conversation conversation(String e164, Instant at) {
    return Conversation.startedAt(UUID.randomUUID(), address(e164), at);
  }

  static String randomSid() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }

  static Message inbound(UUID conversationId, String sid, Instant at) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("SmsSid", sid);
    form.put("From", "+12015550123");
    form.put("To", "+15005550006");
    form.put("Body", "Hola, ¿cuándo pasan?");
    form.put("NumMedia", "1");
    form.put("MediaUrl0", "https://api.twilio.com/media/ME1");
    form.put("MediaContentType0", "image/jpeg");
    return new Message(
        UUID.randomUUID(),
        conversationId,
        Direction.INBOUND,
        sid,
        "+12015550123",
        "+15005550006",
        "Hola, ¿cuándo pasan?",
        1,
        null,
        1,
        List.of(new Media("https://api.twilio.com/media/ME1", "image/jpeg")),
        DeliveryStatus.RECEIVED,
        null,
        null,
        new LanguageDetection(Language.ES, 6.0 / 7.0),
        form,
        null,
        null,
        at,
        at);
  }

  static Message outbound(UUID conversationId, String idempotencyKey, Instant at) {
    return new Message(
        UUID.randomUUID(),
        conversationId,
        Direction.OUTBOUND,
        null,
        "+15005550006",
        "+12015550123",
        "Your payment is due",
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
        idempotencyKey == null ? null : "fingerprint-" + idempotencyKey,
        at,
        at);
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
