package io.smsfoundation.domain.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The usage of one group of messages.
 *
 * @param group the group's key: a tenant id, a day ({@code 2026-11-30}), a workflow type, or a
 *     direction; {@code null} for messages without a tenant or without a workflow type
 * @param failures outbound messages that ended {@code failed} or {@code undelivered}
 * @param price the sum of the prices reported so far, as the provider reports them, or {@code null}
 *     when none of the group's messages has a price yet
 * @param priceUnit the currency of {@code price}; {@code mixed} when the group holds several
 * @param priced how many of the group's messages have a price
 * @param p50ProcessingMs the median processing time, or {@code null} when none is known
 * @param p95ProcessingMs the 95th percentile of the processing times, or {@code null}
 */
public record UsageRow(
    String group,
    long messages,
    long inbound,
    long outbound,
    long segments,
    long failures,
    BigDecimal price,
    String priceUnit,
    long priced,
    Double p50ProcessingMs,
    Double p95ProcessingMs) {

  /** The unit shown when a group's prices come in several currencies. */
  public static final String MIXED_UNITS = "mixed";

  public UsageRow {
    if (messages < 0 || inbound < 0 || outbound < 0 || segments < 0 || failures < 0) {
      throw new IllegalArgumentException("usage counts are never negative");
    }
    if (price != null) {
      Objects.requireNonNull(priceUnit, "priceUnit");
    }
  }
}
