package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

  private final LanguageDetector detector = new LanguageDetector();

  private Language languageOf(String text) {
    return detector.detect(text).language();
  }

  @Test
  void null_and_blank_are_unknown() {
    assertThat(detector.detect(null)).isEqualTo(LanguageDetection.unknown());
    assertThat(detector.detect("")).isEqualTo(LanguageDetection.unknown());
    assertThat(detector.detect("   \n\t")).isEqualTo(LanguageDetection.unknown());
  }

  @Test
  void si_alone_is_spanish() {
    assertThat(languageOf("si")).isEqualTo(Language.ES);
    assertThat(languageOf("Sí")).isEqualTo(Language.ES);
    assertThat(languageOf("siii")).isEqualTo(Language.ES);
  }

  @Test
  void sim_alone_is_portuguese() {
    assertThat(languageOf("sim")).isEqualTo(Language.PT);
    assertThat(languageOf("Simmm")).isEqualTo(Language.PT);
  }

  @Test
  void yes_alone_is_english() {
    assertThat(languageOf("yes")).isEqualTo(Language.EN);
    assertThat(languageOf("Yesss!")).isEqualTo(Language.EN);
  }

  @Test
  void lone_no_is_unknown_because_all_three_languages_write_it() {
    assertThat(detector.detect("no")).isEqualTo(LanguageDetection.unknown());
    assertThat(detector.detect("No.")).isEqualTo(LanguageDetection.unknown());
  }

  @Test
  void bare_stop_keyword_is_unknown() {
    assertThat(languageOf("STOP")).isEqualTo(Language.UNKNOWN);
    assertThat(languageOf("help")).isEqualTo(Language.UNKNOWN);
    assertThat(languageOf(" Start ")).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void keyword_inside_a_sentence_counts_as_english() {
    assertThat(languageOf("please stop sending me these")).isEqualTo(Language.EN);
  }

  @Test
  void texts_without_words_are_unknown_with_zero_confidence() {
    for (String text :
        List.of(
            "ok",
            "OK",
            "kk",
            "k",
            "hmm",
            "123",
            "$1,245",
            "$1,100.00",
            "👍👍",
            "??",
            "3:45pm",
            "09/12",
            "(305) 555-0117",
            "#318")) {
      assertThat(detector.detect(text)).as(text).isEqualTo(LanguageDetection.unknown());
    }
  }

  @Test
  void names_addresses_emails_and_links_are_unknown() {
    for (String text :
        List.of(
            "Ok Gabriela",
            "Rafael Souza 12A",
            "Conceição",
            "4410 Hillcrest Rd Apt 2",
            "luciana.prado@yahoo.com",
            "https://portal.example.com/pay",
            "Unit 9 - $880")) {
      assertThat(languageOf(text)).as(text).isEqualTo(Language.UNKNOWN);
    }
  }

  @Test
  void laughter_is_evidence() {
    assertThat(languageOf("jajaja")).isEqualTo(Language.ES);
    assertThat(languageOf("jejeje ok")).isEqualTo(Language.ES);
    assertThat(languageOf("kkkkk")).isEqualTo(Language.PT);
    assertThat(languageOf("rsrs")).isEqualTo(Language.PT);
    assertThat(languageOf("lol")).isEqualTo(Language.EN);
  }

  @Test
  void two_letters_of_k_are_not_laughter() {
    assertThat(languageOf("kk")).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void sms_abbreviations_are_recognised() {
    assertThat(languageOf("xq?")).isEqualTo(Language.ES);
    assertThat(languageOf("ntp")).isEqualTo(Language.ES);
    assertThat(languageOf("vc pode hj?")).isEqualTo(Language.PT);
    assertThat(languageOf("blz")).isEqualTo(Language.PT);
    assertThat(languageOf("thx u")).isEqualTo(Language.EN);
    assertThat(languageOf("idk")).isEqualTo(Language.EN);
  }

  @Test
  void unaccented_typing_is_still_recognised() {
    assertThat(languageOf("nao consigo pagar ate sexta")).isEqualTo(Language.PT);
    assertThat(languageOf("cuanto tengo que pagar manana")).isEqualTo(Language.ES);
    assertThat(languageOf("entao ta bom")).isEqualTo(Language.PT);
  }

  @Test
  void decomposed_accents_are_read_like_composed_ones() {
    String decomposed = "na\u0303o recebi o boleto";

    assertThat(detector.detect(decomposed)).isEqualTo(detector.detect("não recebi o boleto"));
  }

  @Test
  void single_letter_before_a_hyphen_is_not_a_word() {
    // The "e" of "e-mail" must not count as the Portuguese "and".
    assertThat(languageOf("e-mail me the lease")).isEqualTo(Language.EN);
    assertThat(detector.detect("e-mail me the lease").confidence())
        .isEqualTo(detector.detect("mail me the lease").confidence());
  }

  @Test
  void accented_letters_tip_the_balance() {
    // "que" and "pronto" are spelled the same in both languages; only the letters differ.
    assertThat(languageOf("que pronto, ¿no?")).isEqualTo(Language.ES);
    assertThat(languageOf("que pronto, ação")).isEqualTo(Language.PT);
    assertThat(languageOf("ñ")).isEqualTo(Language.PT);
  }

  @Test
  void portuguese_and_spanish_spelling_patterns_count_for_unlisted_words() {
    assertThat(languageOf("a reclamação do morador")).isEqualTo(Language.PT);
    assertThat(languageOf("la reclamación del inquilino")).isEqualTo(Language.ES);
    assertThat(languageOf("the tenant's complaining")).isEqualTo(Language.EN);
  }

  @Test
  void shared_spanish_portuguese_words_alone_are_not_decisive() {
    assertThat(languageOf("de nada")).isEqualTo(Language.UNKNOWN);
    assertThat(languageOf("para")).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void single_portuguese_words_outside_the_lists_are_labelled_pt() {
    for (String word : List.of("orçado", "concorrer", "vizinhança", "isqueiro", "apodrecer")) {
      assertThat(languageOf(word)).as(word).isEqualTo(Language.PT);
    }
  }

  @Test
  void single_spanish_words_outside_the_lists_are_labelled_es() {
    for (String word : List.of("ventanilla", "cumpleaños", "tubería", "carpintero", "pendiente")) {
      assertThat(languageOf(word)).as(word).isEqualTo(Language.ES);
    }
  }

  @Test
  void single_english_words_outside_the_lists_are_labelled_en() {
    for (String word : List.of("insurance", "upholstery", "windowsill")) {
      assertThat(languageOf(word)).as(word).isEqualTo(Language.EN);
    }
  }

  @Test
  void words_spanish_and_portuguese_share_stay_unknown() {
    for (String word : List.of("casa", "mesa", "normal", "hospital", "instrumento", "cubículo")) {
      assertThat(detector.detect(word)).as(word).isEqualTo(LanguageDetection.unknown());
    }
  }

  @Test
  void short_unlisted_abbreviations_are_not_read_as_words() {
    assertThat(languageOf("Zelle ref 88213094 $975.00")).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void a_vocabulary_guess_never_overrides_a_preference() {
    for (String text :
        List.of("orçado", "ventanilla", "tubería", "insurance", "doentio isqueiro")) {
      LanguageDetection detection = detector.detect(text);
      assertThat(detection.isKnown()).as(text).isTrue();
      assertThat(detection.confidence()).as(text).isLessThan(LanguagePreference.CONFIDENT);
    }
  }

  @Test
  void mixed_text_takes_the_language_of_most_words() {
    assertThat(languageOf("ya pagué el rent por el portal")).isEqualTo(Language.ES);
    assertThat(languageOf("ja paguei o rent pelo app ontem")).isEqualTo(Language.PT);
    assertThat(languageOf("gracias, I will pay the rest on Friday")).isEqualTo(Language.EN);
  }

  @Test
  void everyday_requests_in_each_language() {
    assertThat(languageOf("the bathroom sink is clogged")).isEqualTo(Language.EN);
    assertThat(languageOf("el lavabo del baño está tapado")).isEqualTo(Language.ES);
    assertThat(languageOf("a pia do banheiro está entupida")).isEqualTo(Language.PT);
  }

  @Test
  void confidence_is_between_zero_and_one() {
    for (String text :
        List.of(
            "si",
            "the the the the the the the the the the the the the the the",
            "no tengo agua caliente desde ayer y mis hijos se tienen que bañar",
            "ok",
            "kkkk")) {
      assertThat(detector.detect(text).confidence()).as(text).isBetween(0.0, 1.0);
    }
  }

  @Test
  void more_evidence_gives_more_confidence() {
    double one = detector.detect("gracias").confidence();
    double many = detector.detect("muchas gracias, ya quedó arreglado el calentador").confidence();

    assertThat(one).isGreaterThan(0.0);
    assertThat(many).isGreaterThan(one);
  }

  @Test
  void competing_evidence_lowers_confidence() {
    double clear = detector.detect("ya pagué la renta").confidence();
    double mixed = detector.detect("ya pagué the rent").confidence();

    assertThat(mixed).isLessThan(clear);
  }

  @Test
  void a_single_word_is_not_confident_enough_to_override_a_preference() {
    assertThat(detector.detect("obrigado").confidence()).isLessThan(LanguagePreference.CONFIDENT);
    assertThat(detector.detect("the heater is not working again").confidence())
        .isGreaterThanOrEqualTo(LanguagePreference.CONFIDENT);
  }

  @Test
  void one_shared_instance_gives_the_same_answers_from_many_threads() {
    List<String> texts = List.of("hola", "oi tudo bem", "hello there", "ok", "kkkk", "jajaja");
    List<LanguageDetection> expected = texts.stream().map(detector::detect).toList();

    IntStream.range(0, 2_000)
        .parallel()
        .forEach(
            i -> {
              int k = i % texts.size();
              assertThat(detector.detect(texts.get(k))).isEqualTo(expected.get(k));
            });
  }

  @Test
  void language_codes_round_trip() {
    for (Language language : Language.values()) {
      assertThat(Language.fromCode(language.code())).isEqualTo(language);
    }
    assertThat(Language.fromCode("ES")).isEqualTo(Language.ES);
    assertThat(Language.fromCode(null)).isEqualTo(Language.UNKNOWN);
    assertThat(Language.fromCode("fr")).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void detection_rejects_confidence_outside_zero_to_one_and_null_language() {
    assertThatThrownBy(() -> new LanguageDetection(Language.EN, 1.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LanguageDetection(Language.EN, -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LanguageDetection(Language.EN, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LanguageDetection(null, 0.5))
        .isInstanceOf(NullPointerException.class);
    assertThat(LanguageDetection.unknown().confidence()).isZero();
  }
}
