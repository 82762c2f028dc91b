package io.smsfoundation.domain.language;

import java.util.Objects;

/**
 * The language detected for one text and how sure the detector is, from 0 (no evidence) to 1; an
 * immutable value.
 */
public record LanguageDetection(Language language, double confidence) {

  private static final LanguageDetection UNKNOWN = new LanguageDetection(Language.UNKNOWN, 0.0);

  public LanguageDetection {
    Objects.requireNonNull(language, "language");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
  }

  /** No evidence of any language. */
  public static LanguageDetection unknown() {
    return UNKNOWN;
  }

  /** Whether a real language was detected. */
  public boolean isKnown() {
    return language != Language.UNKNOWN;
  }
}
