package io.smsfoundation.domain.optout;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads consent from an inbound message. What the SMS provider reports (it may apply the keywords
 * itself) wins when present; otherwise the whole message, ignoring case, accents, surrounding
 * spaces and trailing punctuation, must be one of the keywords, as carriers apply them. A keyword
 * inside a sentence ("please stop calling me at work") is an ordinary message. Thread-safe.
 */
public final class OptOutKeywords {

  private static final Set<String> OPT_OUT =
      Set.of(
          // English, as Twilio and US carriers define them
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
          "opt-out",
          // Spanish
          "parar",
          "para",
          "alto",
          "cancelar",
          "baja",
          "darse de baja",
          "detener",
          "no mas",
          "no mas mensajes",
          // Portuguese
          "sair",
          "pare",
          "descadastrar",
          "cancelar inscricao",
          "nao quero mais");

  private static final Set<String> OPT_IN =
      Set.of("start", "unstop", "yes", "iniciar", "comenzar", "reanudar", "voltar", "reativar");

  private static final Set<String> HELP = Set.of("help", "info", "ayuda", "ajuda");

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
    if (body == null || body.length() > 40) {
      return OptIntent.NONE;
    }
    String word = normalize(body);
    if (OPT_OUT.contains(word)) {
      return OptIntent.OPT_OUT;
    }
    if (OPT_IN.contains(word)) {
      return OptIntent.OPT_IN;
    }
    if (HELP.contains(word)) {
      return OptIntent.HELP;
    }
    return OptIntent.NONE;
  }

  private static String normalize(String body) {
    String stripped = MARKS.matcher(Normalizer.normalize(body, Normalizer.Form.NFD)).replaceAll("");
    String trimmed = EDGE_PUNCTUATION.matcher(stripped).replaceAll("");
    return SPACES.matcher(trimmed).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
