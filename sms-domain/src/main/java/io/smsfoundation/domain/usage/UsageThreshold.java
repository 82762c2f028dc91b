package io.smsfoundation.domain.usage;

/**
 * The number of segments a day may use before it is announced ({@code usage.threshold_reached});
 * {@code 0} turns the announcement off.
 */
public record UsageThreshold(long segmentsPerDay) {

  /** No announcement. */
  public static final UsageThreshold OFF = new UsageThreshold(0);

  public UsageThreshold {
    if (segmentsPerDay < 0) {
      throw new IllegalArgumentException("a segment threshold is never negative");
    }
  }

  public boolean isOn() {
    return segmentsPerDay > 0;
  }

  /** Whether a day that used {@code segments} is over the threshold. */
  public boolean exceededBy(long segments) {
    return isOn() && segments > segmentsPerDay;
  }
}
