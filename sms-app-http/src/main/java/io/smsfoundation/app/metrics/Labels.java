package io.smsfoundation.app.metrics;

import io.smsfoundation.domain.message.DeliveryStatus;
import java.util.regex.Pattern;

/**
 * Label values from the outside world, bounded: a Prometheus series per arbitrary string would grow
 * without end.
 */
final class Labels {

  static final String NONE = "none";
  static final String OTHER = "other";

  private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,6}");

  private Labels() {}

  /** A known delivery status, else {@code other}. */
  static String status(DeliveryStatus status) {
    return status == null ? NONE : status.isKnown() ? status.code() : OTHER;
  }

  /** A Twilio error code (digits), else {@code other}; {@code none} when there is none. */
  static String errorCode(String code) {
    if (code == null || code.isBlank()) {
      return NONE;
    }
    return ERROR_CODE.matcher(code.strip()).matches() ? code.strip() : OTHER;
  }
}
