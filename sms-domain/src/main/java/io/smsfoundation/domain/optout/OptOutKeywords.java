package io.smsfoundation.domain.optout;

import io.smsfoundation.domain.language.Language;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads consent from an inbound message. What the SMS provider reports (it may apply the keywords
 * itself) wins when present; otherwise the whole message, ignoring case, accents, surrounding
 * spaces and trailing punctuation, must be one of the keywords, as carriers apply them. A keyword
 * inside a sentence ("please stop calling me at work") is an ordinary message. Thread-safe.
 */
public final class OptOutKeywords {

  /**
   * Every keyword with what it asks and the language it is written in; a word Spanish and
   * Portuguese share ({@code cancelar}, {@code iniciar}) or any language uses ({@code info}) has no
   * language of its own.
   */
  private static final Map<String, Keyword> KEYWORDS = keywords();

  private static Map<String, Keyword> keywords() {
    Map<String, Keyword> keywords = new HashMap<>();
    // English, as Twilio and US carriers define them
    add(
        keywords,
        OptIntent.OPT_OUT,
        Language.EN,
        "stop",
        "stopall",
        "stop all",
        "unsubscribe",
        "cancel",
        "end",
        "quit",
        "revoke",
        "optout",
        "opt out",
        "opt-out");
    add(
        keywords,
        OptIntent.OPT_OUT,
        Language.ES,
        "parar",
        "para",
        "alto",
        "baja",
        "darse de baja",
        "detener",
        "no mas",
        "no mas mensajes");
    add(
        keywords,
        OptIntent.OPT_OUT,
        Language.PT,
        "sair",
        "pare",
        "descadastrar",
        "cancelar inscricao",
        "nao quero mais");
    add(keywords, OptIntent.OPT_OUT, Language.UNKNOWN, "cancelar");
    add(keywords, OptIntent.OPT_IN, Language.EN, "start", "unstop", "yes");
    add(keywords, OptIntent.OPT_IN, Language.ES, "comenzar", "reanudar");
    add(keywords, OptIntent.OPT_IN, Language.PT, "voltar", "reativar");
    add(keywords, OptIntent.OPT_IN, Language.UNKNOWN, "iniciar");
    add(keywords, OptIntent.HELP, Language.EN, "help");
    add(keywords, OptIntent.HELP, Language.ES, "ayuda");
    add(keywords, OptIntent.HELP, Language.PT, "ajuda");
    add(keywords, OptIntent.HELP, Language.UNKNOWN, "info");
    return Map.copyOf(keywords);
  }

  private static void add(
      Map<String, Keyword> keywords, OptIntent intent, Language language, String... words) {
    for (String word : words) {
      keywords.put(word, new Keyword(intent, language));
    }
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern EDGE_PUNCTUATION =
      Pattern.compile(
          "^[\\p{Punct}\\p{IsPunctuation}\\p{IsWhite_Space}]+"
              + "|[\\p{Punct}\\p{IsPunctuation}\\p{IsWhite_Space}]+$");

  /** Any Unicode space: {@code \s} alone misses the no-break space some keyboards type. */
  private static final Pattern SPACES = Pattern.compile("\\p{IsWhite_Space}+");

  /**
   * @param body the message text, may be {@code null} (MMS without text)
   * @param reportedByProvider what the provider says the message meant, when it recognised a
   *     keyword itself (it wins over the body), else {@code null} or {@link OptIntent#NONE}
   */
  public OptIntent classify(String body, OptIntent reportedByProvider) {
    if (reportedByProvider != null && reportedByProvider != OptIntent.NONE) {
      return reportedByProvider;
    }
    return keyword(body).map(Keyword::intent).orElse(OptIntent.NONE);
  }

  /**
   * The keyword the whole message is, with the language it is written in, or empty for an ordinary
   * message.
   *
   * @param body the message text, may be {@code null}
   */
  public Optional<Keyword> keyword(String body) {
    if (body == null || body.length() > 40) {
      return Optional.empty();
    }
    return Optional.ofNullable(KEYWORDS.get(normalize(body)));
  }

  private static String normalize(String body) {
    String stripped = MARKS.matcher(Normalizer.normalize(body, Normalizer.Form.NFD)).replaceAll("");
    String trimmed = EDGE_PUNCTUATION.matcher(stripped).replaceAll("");
    return SPACES.matcher(trimmed).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
