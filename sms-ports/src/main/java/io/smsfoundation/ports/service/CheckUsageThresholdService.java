package io.smsfoundation.ports.service;

import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageThreshold;
import io.smsfoundation.ports.in.CheckUsageThreshold;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.UnitOfWork;
import io.smsfoundation.ports.out.UsageLedger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sums today's segments (UTC) and, past the threshold, records {@code usage.threshold_reached} in
 * the same transaction as the ledger's row for the day, so that the day is announced once however
 * many instances check. Thread-safe.
 */
public final class CheckUsageThresholdService implements CheckUsageThreshold {

  private static final System.Logger LOG =
      System.getLogger(CheckUsageThresholdService.class.getName());

  private final UnitOfWork unitOfWork;
  private final UsageLedger ledger;
  private final EventRecorder events;
  private final UsageThreshold threshold;
  private final ServiceClock clock;

  CheckUsageThresholdService(
      UnitOfWork unitOfWork,
      UsageLedger ledger,
      EventRecorder events,
      UsageThreshold threshold,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.ledger = ledger;
    this.events = events;
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.clock = new ServiceClock(clock);
  }

  @Override
  public ThresholdCheck check() {
    if (!threshold.isOn()) {
      return new ThresholdCheck.Off();
    }
    Instant now = clock.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    UsagePeriod day = UsagePeriod.day(today);
    long segments = ledger.segments(day.start(), day.end());
    if (!threshold.exceededBy(segments)) {
      return new ThresholdCheck.Below(today, segments);
    }
    boolean first =
        unitOfWork.inTransaction(
            tx -> {
              if (!ledger.rememberThresholdReached(
                  today, segments, threshold.segmentsPerDay(), now)) {
                return false;
              }
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("day", today.toString());
              details.put("segments", segments);
              details.put("threshold", threshold.segmentsPerDay());
              events.record(
                  EventType.USAGE_THRESHOLD_REACHED, new EventSubject(null, null, details), now);
              return true;
            });
    if (!first) {
      return new ThresholdCheck.AnnouncedBefore(today, segments);
    }
    LOG.log(
        Level.WARNING,
        "usage threshold reached day={0} segments={1} threshold={2}",
        today,
        segments,
        threshold.segmentsPerDay());
    return new ThresholdCheck.Announced(today, segments);
  }
}
