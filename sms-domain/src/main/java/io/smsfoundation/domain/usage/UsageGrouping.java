package io.smsfoundation.domain.usage;

import java.util.Locale;
import java.util.Optional;

/** What the usage report puts messages together by; {@link #code()} is the API's word. */
public enum UsageGrouping {
  /** The conversation's tenant ({@code null}: numbers without a known tenant). */
  TENANT,
  /** The UTC day the message was written. */
  DAY,
  /** The conversation's workflow type ({@code null}: none set). */
  WORKFLOW_TYPE,
  /** Inbound or outbound. */
  DIRECTION;

  /** {@code tenant}, {@code day}, {@code workflow_type}, {@code direction}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The grouping named {@code code}, or empty for a name no grouping has. */
  public static Optional<UsageGrouping> fromCode(String code) {
    for (UsageGrouping grouping : values()) {
      if (grouping.code().equals(code)) {
        return Optional.of(grouping);
      }
    }
    return Optional.empty();
  }
}
