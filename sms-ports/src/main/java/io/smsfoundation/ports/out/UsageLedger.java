package io.smsfoundation.ports.out;

import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads usage from the stored messages (both directions, replies included) and remembers which days
 * were announced over the segment threshold. Thread-safe.
 */
public interface UsageLedger {

  /**
   * The usage of the messages written in {@code period}, one row per group, groups in ascending
   * order of their key with the {@code null} group last.
   */
  List<UsageRow> report(UsagePeriod period, UsageGrouping grouping);

  /** The segments of every message written from {@code from} (included) to {@code to}. */
  long segments(Instant from, Instant to);

  /**
   * Remembers that {@code day} passed its threshold, once across every process sharing the ledger;
   * call inside the unit of work that records the announcement.
   *
   * @return {@code true} for the first call for {@code day}, {@code false} when it was remembered
   *     before
   */
  boolean rememberThresholdReached(LocalDate day, long segments, long threshold, Instant at);
}
