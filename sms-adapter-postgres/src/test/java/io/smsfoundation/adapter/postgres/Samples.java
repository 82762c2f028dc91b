package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    RawForm form =
        RawForm.builder()
            .add("MessageSid", sid)
            .add("SmsSid", sid)
            .add("From", "+12015550123")
            .add("To", "+15005550006")
            .add("Body", "Hola, ¿cuándo pasan?")
            .add("NumMedia", "1")
            .add("MediaUrl0", "https://api.twilio.com/media/ME1")
            .add("MediaContentType0", "image/jpeg")
            .add("Body", "a second Body, as a repeated name may come")
            .build();
    return Message.inbound(
        UUID.randomUUID(),
        conversationId,
        sid,
        "+12015550123",
        "+15005550006",
        "Hola, ¿cuándo pasan?",
        1,
        null,
        List.of(new Media("https://api.twilio.com/media/ME1", "image/jpeg")),
        1,
        new LanguageDetection(Language.ES, 6.0 / 7.0),
        form,
        at);
  }

  static Message outbound(UUID conversationId, String idempotencyKey, Instant at) {
    return Message.outbound(
        UUID.randomUUID(),
        conversationId,
        "+12015550123",
        "Your payment is due",
        Segments.of("Your payment is due"),
        idempotencyKey,
        idempotencyKey == null ? null : "fingerprint-" + idempotencyKey,
        at);
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
