package io.smsfoundation.domain.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

  private final OptOutKeywords keywords = new OptOutKeywords();

  @ParameterizedTest(name = "[{index}] provider says {0}, body=\"{1}\" -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OPT_OUT | hello there | OPT_OUT",
        "OPT_IN  | hello there | OPT_IN",
        "HELP    | hello there | HELP",
        "OPT_OUT | START       | OPT_OUT",
        "OPT_IN  | STOP        | OPT_IN",
        "HELP    | STOP        | HELP",
        "OPT_OUT |             | OPT_OUT"
      })
  void what_the_provider_reports_wins_over_the_body(
      OptIntent reported, String body, OptIntent intent) {
    assertThat(keywords.classify(body, reported)).isEqualTo(intent);
  }

  @ParameterizedTest
  @NullSource
  @EnumSource(value = OptIntent.class, names = "NONE")
  void no_provider_report_falls_back_to_the_body(OptIntent reported) {
    assertThat(keywords.classify("STOP", reported)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify("hello", reported)).isEqualTo(OptIntent.NONE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
  void english_opt_out_keywords_opt_out_in_any_case_with_spaces_and_punctuation(String keyword) {
    assertThat(keywords.classify(keyword, null)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify(keyword.toLowerCase(Locale.ROOT), null))
        .isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify(capitalized(keyword), null)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify("  " + keyword + "  ", null)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify(keyword + ".", null)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify(keyword + "!!", null)).isEqualTo(OptIntent.OPT_OUT);
    assertThat(keywords.classify("\n" + keyword + "?\n", null)).isEqualTo(OptIntent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"STOP\u00A0", "\u00A0Stop", "STOP\u3000", "\u2009stop\u2009", "opt\u00A0out"})
  void unicode_spaces_count_as_spaces(String body) {
    // a no-break space from a phone's keyboard must not hide an opt-out
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STOP ALL", "stop   all", "OPT OUT", "opt-out", "Opt-Out."})
  void english_opt_out_phrases_opt_out(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "UNSTOP", "YES"})
  void english_opt_in_keywords_opt_in_in_any_case_with_spaces_and_punctuation(String keyword) {
    assertThat(keywords.classify(keyword, null)).isEqualTo(OptIntent.OPT_IN);
    assertThat(keywords.classify(keyword.toLowerCase(Locale.ROOT), null))
        .isEqualTo(OptIntent.OPT_IN);
    assertThat(keywords.classify(" " + capitalized(keyword) + "! ", null))
        .isEqualTo(OptIntent.OPT_IN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PARAR",
        "Parar",
        "para",
        "ALTO",
        "¡Alto!",
        "CANCELAR",
        "BAJA",
        "Baja.",
        "darse de baja",
        "DETENER",
        "no más",
        "NO MAS MENSAJES"
      })
  void spanish_opt_out_keywords_opt_out(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SAIR",
        "Sair",
        "PARE",
        "DESCADASTRAR",
        "cancelar inscrição",
        "NÃO QUERO MAIS",
        "nao quero mais",
        "Não quero mais!"
      })
  void portuguese_opt_out_keywords_opt_out_with_or_without_accents(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INICIAR", "Comenzar", "reanudar", "VOLTAR", "reativar"})
  void spanish_and_portuguese_opt_in_keywords_opt_in(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.OPT_IN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HELP", "help?", "INFO", "Ayuda", "¿ayuda?", "AJUDA"})
  void help_keywords_ask_for_help(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.HELP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "please stop calling after 9pm",
        "can I cancel my lease",
        "stop it",
        "yes please",
        "I want to end my contract",
        "no quiero pagar",
        "para mañana",
        "sair de casa",
        "help me with the rent",
        "STOP STOP",
        "Stopp",
        "🛑",
        "ok",
        "hello"
      })
  void a_keyword_inside_a_sentence_is_an_ordinary_message(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.NONE);
  }

  @Test
  void a_long_message_that_ends_with_a_keyword_is_an_ordinary_message() {
    assertThat(keywords.classify("The water heater is broken again, please fix it. STOP", null))
        .isEqualTo(OptIntent.NONE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "!!!", "..."})
  void a_missing_or_empty_body_without_opt_out_type_is_an_ordinary_message(String body) {
    assertThat(keywords.classify(body, null)).isEqualTo(OptIntent.NONE);
  }

  private static String capitalized(String keyword) {
    return keyword.charAt(0) + keyword.substring(1).toLowerCase(Locale.ROOT);
  }
}
