package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagePreferenceTest {

  private static LanguageDetection of(Language language, double confidence) {
    return new LanguageDetection(language, confidence);
  }

  @Test
  void unknown_never_replaces_a_known_language() {
    LanguageDetection stored = of(Language.ES, 0.3);

    assertThat(LanguagePreference.choose(stored, LanguageDetection.unknown())).isEqualTo(stored);
    assertThat(LanguagePreference.choose(stored, null)).isEqualTo(stored);
  }

  @Test
  void equal_confidence_replaces_so_the_most_recent_wins() {
    LanguageDetection detected = of(Language.PT, 0.5);

    assertThat(LanguagePreference.choose(of(Language.ES, 0.5), detected)).isEqualTo(detected);
  }

  @Test
  void higher_confidence_replaces() {
    LanguageDetection detected = of(Language.EN, 0.6);

    assertThat(LanguagePreference.choose(of(Language.ES, 0.4), detected)).isEqualTo(detected);
  }

  @Test
  void confident_detection_replaces_even_a_more_confident_stored_one() {
    LanguageDetection detected = of(Language.PT, LanguagePreference.CONFIDENT);

    assertThat(LanguagePreference.choose(of(Language.ES, 0.97), detected)).isEqualTo(detected);
  }

  @Test
  void low_confidence_other_language_does_not_replace_a_more_confident_one() {
    LanguageDetection stored = of(Language.ES, 0.9);

    assertThat(LanguagePreference.choose(stored, of(Language.EN, 0.39))).isEqualTo(stored);
  }

  @Test
  void null_or_unknown_stored_is_replaced_by_any_known_detection() {
    LanguageDetection weak = of(Language.EN, 0.05);

    assertThat(LanguagePreference.choose(null, weak)).isEqualTo(weak);
    assertThat(LanguagePreference.choose(LanguageDetection.unknown(), weak)).isEqualTo(weak);
  }

  @Test
  void nothing_known_on_either_side_stays_unknown() {
    assertThat(LanguagePreference.choose(null, null)).isEqualTo(LanguageDetection.unknown());
    assertThat(LanguagePreference.choose(null, LanguageDetection.unknown()))
        .isEqualTo(LanguageDetection.unknown());
  }

  @Test
  void changes_reports_only_a_different_language() {
    assertThat(LanguagePreference.changes(of(Language.ES, 0.3), of(Language.ES, 0.9))).isFalse();
    assertThat(LanguagePreference.changes(of(Language.ES, 0.3), of(Language.PT, 0.9))).isTrue();
    assertThat(LanguagePreference.changes(null, of(Language.EN, 0.2))).isTrue();
    assertThat(LanguagePreference.changes(null, LanguageDetection.unknown())).isFalse();
  }

  @Test
  void threshold_is_a_probability() {
    assertThat(LanguagePreference.CONFIDENT).isBetween(0.5, 1.0);
  }
}
