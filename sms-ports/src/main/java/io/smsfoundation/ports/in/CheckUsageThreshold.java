package io.smsfoundation.ports.in;

import java.time.LocalDate;

/**
 * Announces ({@code usage.threshold_reached}) a UTC day whose segments passed the configured
 * threshold, once per day across every instance. Run periodically.
 */
public interface CheckUsageThreshold {

  ThresholdCheck check();

  /** What one check found. */
  sealed interface ThresholdCheck {

    /** No threshold is configured. */
    record Off() implements ThresholdCheck {}

    /** Today is still under the threshold. */
    record Below(LocalDate day, long segments) implements ThresholdCheck {}

    /** Today passed the threshold and this check announced it. */
    record Announced(LocalDate day, long segments) implements ThresholdCheck {}

    /** Today passed the threshold and was announced before. */
    record AnnouncedBefore(LocalDate day, long segments) implements ThresholdCheck {}
  }
}
