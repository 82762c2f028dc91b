package io.smsfoundation.domain.message;

import java.util.Locale;

/** Whether a message came from a person ({@code inbound}) or was sent by the service. */
public enum Direction {
  INBOUND,
  OUTBOUND;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but {@code inbound} or {@code outbound}
   */
  public static Direction fromCode(String code) {
    return Direction.valueOf(code.strip().toUpperCase(Locale.ROOT));
  }
}
