package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.LabelledTexts.Report;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Everyday vocabulary outside SMS: single words and word pairs drawn from frequency lists and left
 * out of the vocabulary tables' training (docs/language.md says how they were made).
 */
class LanguageDetectorVocabularyTest {

  private final LanguageDetector detector = new LanguageDetector();

  @Test
  void single_everyday_words_meet_the_floor() throws IOException {
    Report report = LabelledTexts.evaluate(detector, LabelledTexts.resource("/lang/words.tsv"));
    report.print("words", false);

    assertThat(report.accuracy()).as("accuracy on single words").isGreaterThanOrEqualTo(0.78);
    assertThat(report.accuracyOf(Language.UNKNOWN))
        .as("shared words left unknown")
        .isGreaterThanOrEqualTo(0.60);
  }

  @Test
  void everyday_word_pairs_meet_the_floor() throws IOException {
    Report report =
        LabelledTexts.evaluate(detector, LabelledTexts.resource("/lang/word-pairs.tsv"));
    report.print("word pairs", false);

    assertThat(report.accuracy()).as("accuracy on word pairs").isGreaterThanOrEqualTo(0.87);
  }
}
