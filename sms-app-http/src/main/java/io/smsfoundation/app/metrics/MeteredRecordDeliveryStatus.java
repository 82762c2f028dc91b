package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.ports.in.RecordDeliveryStatus;

/** Counts the status every status callback moves a message to ({@code sms.delivery.statuses}). */
final class MeteredRecordDeliveryStatus implements RecordDeliveryStatus {

  private final RecordDeliveryStatus delegate;
  private final MeterRegistry registry;

  MeteredRecordDeliveryStatus(RecordDeliveryStatus delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public StatusOutcome record(StatusReport report) {
    StatusOutcome outcome = delegate.record(report);
    if (outcome instanceof StatusOutcome.Applied applied) {
      ServiceMetrics.countStatus(registry, applied.current());
    }
    return outcome;
  }
}
