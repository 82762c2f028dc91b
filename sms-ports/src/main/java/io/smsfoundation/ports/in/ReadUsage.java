package io.smsfoundation.ports.in;

import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The usage report: counts, segments, failures, price and processing times per group. */
public interface ReadUsage {

  UsageReport read(UsageQuery query);

  /** A report over {@code period}, grouped by {@code grouping}. */
  record UsageQuery(UsagePeriod period, UsageGrouping grouping) {

    /**
     * Reads a query from its text: {@code from} and {@code to} as ISO dates (UTC days, {@code to}
     * excluded, at most {@value UsagePeriod#MAX_DAYS} days apart) and a grouping word, {@code day}
     * when absent.
     *
     * @throws InvalidCommandException naming every field that is wrong
     */
    public static UsageQuery parse(String from, String to, String groupBy) {
      Optional<LocalDate> start = date(from);
      Optional<LocalDate> end = date(to);
      Optional<UsageGrouping> grouping =
          Validation.present(groupBy)
              ? UsageGrouping.fromCode(groupBy.strip())
              : Optional.of(UsageGrouping.DAY);
      new Validation()
          .require(start.isPresent(), "from", "is required, as a date (2026-11-01)")
          .require(end.isPresent(), "to", "is required, as a date (2026-12-01)")
          .require(
              start.isEmpty() || end.isEmpty() || UsagePeriod.isValid(start.get(), end.get()),
              "to",
              "must be after from and at most " + UsagePeriod.MAX_DAYS + " days after it")
          .require(
              grouping.isPresent(),
              "group_by",
              "must be one of tenant, day, workflow_type, direction")
          .throwIfInvalid();
      return new UsageQuery(new UsagePeriod(start.get(), end.get()), grouping.get());
    }

    private static Optional<LocalDate> date(String text) {
      if (!Validation.present(text)) {
        return Optional.empty();
      }
      try {
        return Optional.of(LocalDate.parse(text.strip()));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** The report's rows, in the order of their group keys. */
  record UsageReport(UsageQuery query, List<UsageRow> rows) {
    public UsageReport {
      rows = List.copyOf(rows);
    }
  }
}
