package io.smsfoundation.ports.service;

import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.out.MessageKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque {@code next_cursor} of a conversation page: the last message's time (microseconds) and
 * id, base64url-encoded so that callers treat it as a token.
 */
final class PageCursor {

  private static final String VERSION = "v1";

  /**
   * The times a cursor of this service can hold: those of messages, from the first year to the last
   * four-digit one (every store can compare them; PostgreSQL's range ends in 294276).
   */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private PageCursor() {}

  static String encode(MessageKey key) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, key.createdAt());
    String plain = VERSION + ":" + micros + ":" + key.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws InvalidCommandException when the text is not a cursor this service made
   */
  static MessageKey decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", -1);
      if (parts.length != 3 || !parts[0].equals(VERSION)) {
        throw new IllegalArgumentException("unknown cursor version");
      }
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
        throw new IllegalArgumentException("a time no message has");
      }
      return new MessageKey(createdAt, UUID.fromString(parts[2]));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException bad) {
      throw InvalidCommandException.of("cursor", "is not a cursor returned by this API");
    }
  }
}
