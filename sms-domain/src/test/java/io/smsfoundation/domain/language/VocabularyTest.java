package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VocabularyTest {

  private final Vocabulary vocabulary = Vocabulary.shared();

  private double[] score(String word) {
    double[] logLikelihood = new double[Vocabulary.CLASSES];
    vocabulary.score(word, logLikelihood);
    return logLikelihood;
  }

  @Test
  void each_language_is_likeliest_for_its_own_endings() {
    assertThat(score("reclamação")[Vocabulary.PT])
        .isGreaterThan(score("reclamação")[Vocabulary.ES]);
    assertThat(score("reclamación")[Vocabulary.ES])
        .isGreaterThan(score("reclamación")[Vocabulary.PT]);
    assertThat(score("complaining")[Vocabulary.EN])
        .isGreaterThan(score("complaining")[Vocabulary.ES]);
  }

  @Test
  void real_words_are_likelier_than_letter_noise_of_the_same_length() {
    double[] word = score("janela");
    double[] noise = score("xqzwkj");
    for (int c = 0; c < Vocabulary.CLASSES; c++) {
      assertThat(word[c]).isNegative().isGreaterThan(noise[c]);
    }
  }

  @Test
  void letters_outside_the_alphabet_are_scored_not_rejected() {
    double[] scored = score("façadeß");
    for (double value : scored) {
      assertThat(value).isNegative().isFinite();
    }
  }

  @Test
  void the_model_is_loaded_once_and_shared() {
    assertThat(Vocabulary.shared()).isSameAs(vocabulary);
  }
}
