package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.language.LanguageDetection;
import java.math.BigDecimal;

/** Conversions between Java numbers and {@code numeric} columns. */
final class Numbers {

  private Numbers() {}

  /**
   * The confidence as the shortest decimal that reads back as the same {@code double}; binding the
   * {@code double} itself would go through {@code float8}, whose cast to {@code numeric} keeps only
   * 15 digits.
   */
  static BigDecimal confidence(LanguageDetection detection) {
    return detection == null ? null : BigDecimal.valueOf(detection.confidence());
  }
}
