package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.LabelledTexts.Report;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Everyday vocabulary outside SMS: single words and word pairs drawn from frequency lists; the
 * words themselves are left out of the vocabulary table's training, their dictionary siblings are
 * not (docs/language.md says how they were made).
 */
class LanguageDetectorVocabularyTest {

  private final LanguageDetector detector = new LanguageDetector();

  @Test
  void single_everyday_words_meet_the_floor() throws IOException {
    Report report = LabelledTexts.evaluate(detector, LabelledTexts.resource("/lang/words.tsv"));
    report.print("words", false);

    assertThat(report.accuracy()).as("accuracy on single words").isGreaterThanOrEqualTo(0.80);
    assertThat(report.accuracyOf(Language.UNKNOWN))
        .as("shared words left unknown")
        .isGreaterThanOrEqualTo(0.75);
  }

  @Test
  void everyday_word_pairs_meet_the_floor() throws IOException {
    Report report =
        LabelledTexts.evaluate(detector, LabelledTexts.resource("/lang/word-pairs.tsv"));
    report.print("word pairs", false);

    // The target is 0.92; docs/language.md says what keeps the model below it.
    assertThat(report.accuracy()).as("accuracy on word pairs").isGreaterThanOrEqualTo(0.89);
  }
}
