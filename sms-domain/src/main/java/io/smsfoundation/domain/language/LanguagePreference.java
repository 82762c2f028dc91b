package io.smsfoundation.domain.language;

/**
 * Decides which detection a conversation keeps as its preferred language when a new text arrives;
 * pure and stateless, so safe from any thread.
 */
public final class LanguagePreference {

  /**
   * A detection at or above this confidence replaces the stored one even if the stored one was more
   * confident, so a tenant who switches language is followed after one clear message. The detector
   * only reaches 0.8 with several decisive words and no real competitor (roughly three unambiguous
   * words), never with a single "si", "ok gracias" or a loanword, which keeps short replies from
   * flipping a well-established preference.
   */
  public static final double CONFIDENT = 0.8;

  private LanguagePreference() {}

  /**
   * Returns the detection to keep: {@code detected} if it is known and either nothing known is
   * stored, it is at least as confident as {@code stored}, or it is {@link #CONFIDENT}; otherwise
   * {@code stored}. An unknown detection never replaces a known one.
   */
  public static LanguageDetection choose(LanguageDetection stored, LanguageDetection detected) {
    if (detected == null || !detected.isKnown()) {
      return stored == null ? LanguageDetection.unknown() : stored;
    }
    if (stored == null || !stored.isKnown()) {
      return detected;
    }
    if (detected.confidence() >= stored.confidence() || detected.confidence() >= CONFIDENT) {
      return detected;
    }
    return stored;
  }

  /** Whether keeping {@code chosen} instead of {@code stored} changes the preferred language. */
  public static boolean changes(LanguageDetection stored, LanguageDetection chosen) {
    Language before = stored == null ? Language.UNKNOWN : stored.language();
    Language after = chosen == null ? Language.UNKNOWN : chosen.language();
    return before != after;
  }
}
