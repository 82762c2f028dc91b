package io.smsfoundation.domain.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The UTC days a usage report covers: from {@code from} (included) to {@code to} (excluded), at
 * most {@link #MAX_DAYS} days, so that one report never scans an unbounded history.
 */
public record UsagePeriod(LocalDate from, LocalDate to) {

  /** The longest period one report covers: a leap year. */
  public static final int MAX_DAYS = 366;

  public UsagePeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    long days = ChronoUnit.DAYS.between(from, to);
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "a usage period covers 1 to " + MAX_DAYS + " days, not " + days);
    }
  }

  /** Whether {@code from} to {@code to} is a period a report can cover. */
  public static boolean isValid(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    return days >= 1 && days <= MAX_DAYS;
  }

  /** The first instant of the period. */
  public Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the period. */
  public Instant end() {
    return to.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The one UTC day {@code day}. */
  public static UsagePeriod day(LocalDate day) {
    return new UsagePeriod(day, day.plusDays(1));
  }
}
