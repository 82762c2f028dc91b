package io.smsfoundation.adapter.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 section 10.2.3). */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * The delay the header asks for, never negative; {@code null} when the header is absent or cannot
   * be read, in which case the ordinary backoff applies.
   */
  static Duration parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLong) {
        // More digits than a long holds: the server asks for longer than anyone will wait.
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration delay = Duration.between(clock.instant(), at.toInstant());
      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
