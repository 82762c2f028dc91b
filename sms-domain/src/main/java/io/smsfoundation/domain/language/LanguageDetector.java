package io.smsfoundation.domain.language;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Detects whether an SMS text is English, Spanish or Portuguese from word lists and spelling rules,
 * falling back on a vocabulary model of the three languages when they find too little, with a
 * confidence in [0, 1]. Immutable after construction: one instance can be shared by all threads.
 */
public final class LanguageDetector {

  private static final int EN = 0;
  private static final int ES = 1;
  private static final int PT = 2;
  private static final Language[] LANGUAGES = {Language.EN, Language.ES, Language.PT};

  /** Below this much evidence a text is unknown: one weak or shared word is not enough. */
  private static final double MIN_EVIDENCE = 1.2;

  /** Lead over the runner-up at which confidence reaches 1 - 1/e before the clarity factor. */
  private static final double EVIDENCE_SCALE = 4.0;

  /** Lexicon hits on capitalised words inside a sentence count less: they are often names. */
  private static final double NAME_DISCOUNT = 0.5;

  /** Endings that make "example.com" a link rather than two words joined by a missing space. */
  private static final Set<String> TOP_LEVEL_DOMAINS =
      Set.of("com", "net", "org", "gov", "edu", "io", "ly", "app", "info");

  /**
   * Lead, in nats of the vocabulary model, the best language needs over the runner-up when the text
   * has one unlisted word: below it the word is about as likely in both, as most words Spanish and
   * Portuguese share are. Chosen on the tuning sets (docs/language.md).
   */
  private static final double VOCABULARY_MARGIN_ONE_WORD = 0.8;

  /** The same lead for two or more unlisted words, which agree more often than one word alone. */
  private static final double VOCABULARY_MARGIN = 0.35;

  /**
   * Log prior, in nats, of the vocabulary model's class of words both Spanish and Portuguese spell
   * alike: that class is a broad model of Iberian spelling that also fits many words of only one of
   * them, so it has to beat the single-language classes by this much to erase their difference.
   */
  private static final double SHARED_PRIOR = -0.5;

  /** Log prior, in nats, of English against the vocabulary's Spanish and Portuguese classes. */
  private static final double ENGLISH_PRIOR = -0.25;

  /** Lead in nats at which a vocabulary-only confidence reaches 1 - 1/e of its ceiling. */
  private static final double VOCABULARY_SCALE = 4.0;

  /**
   * Ceiling of a vocabulary-only confidence: an ordinary word never weighs like the SMS words the
   * lists were written for, nor flips a conversation's preference on its own.
   */
  private static final double VOCABULARY_CONFIDENCE = 0.5;

  /**
   * Shortest unlisted word the vocabulary model judges; shorter ones are mostly abbreviations
   * ("ref").
   */
  private static final int VOCABULARY_MIN_LENGTH = 4;

  /** Carrier keywords that, sent alone, are commands rather than language. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "stop",
          "stopall",
          "unsubscribe",
          "cancel",
          "end",
          "quit",
          "help",
          "info",
          "start",
          "unstop",
          "subscribe");

  /** Creates a detector; the word lists are shared static data built once per class load. */
  public LanguageDetector() {}

  /** Detects the language of {@code text}; {@code null}, blank or evidence-free text is unknown. */
  public LanguageDetection detect(String text) {
    if (text == null || text.isBlank()) {
      return LanguageDetection.unknown();
    }
    List<Token> tokens = tokenize(text);
    if (tokens.isEmpty() || (tokens.size() == 1 && KEYWORDS.contains(tokens.get(0).lower()))) {
      return LanguageDetection.unknown();
    }
    double[] score = new double[3];
    if (text.indexOf('¿') >= 0 || text.indexOf('¡') >= 0) {
      score[ES] += 2.0;
    }
    List<String> unlisted = null;
    for (Token token : tokens) {
      if (scoreToken(token, score)) {
        if (unlisted == null) {
          unlisted = new ArrayList<>(tokens.size());
        }
        unlisted.add(token.lower());
      }
    }
    LanguageDetection byRules = decide(score);
    if (byRules.isKnown() || unlisted == null) {
      return byRules;
    }
    return byVocabulary(unlisted, score);
  }

  /**
   * Scores one token by the word lists, laughter and spelling rules. Returns whether it is a word
   * none of the lists has and the vocabulary model may judge: not laughter, not capitalised like a
   * name, letters only, long enough.
   */
  private static boolean scoreToken(Token token, double[] score) {
    String word = token.lower();
    if (scoreLaughter(word, score)) {
      return false;
    }
    Lexicon.Weights weights = Lexicon.lookup(word);
    if (weights == null) {
      String shortened = collapseElongation(word);
      if (shortened != word) {
        weights = Lexicon.lookup(shortened);
      }
    }
    if (weights != null) {
      double factor = token.nameLike() ? NAME_DISCOUNT : 1.0;
      score[EN] += weights.en() * factor;
      score[ES] += weights.es() * factor;
      score[PT] += weights.pt() * factor;
      Spelling.scoreLetters(word, score);
      return false;
    }
    if (token.titleCase()) {
      // Unlisted capitalised words are mostly names and streets ("Conceição", "Bellaire"),
      // whose spelling says nothing about the language the tenant writes in.
      return false;
    }
    Spelling.score(word, score);
    Spelling.scoreLetters(word, score);
    return word.length() >= VOCABULARY_MIN_LENGTH && word.indexOf('\'') < 0;
  }

  /**
   * Decides a text the rules left unknown by adding, for each unlisted word, how much less likely
   * the vocabulary model finds it in each language than in its best one, with the classes' priors;
   * what the rules found counts too, in the same units. A word Spanish and Portuguese share scores
   * alike in both.
   */
  private static LanguageDetection byVocabulary(List<String> unlisted, double[] rules) {
    double[] total = rules.clone();
    double[] word = new double[Vocabulary.CLASSES];
    Vocabulary vocabulary = Vocabulary.shared();
    for (String lower : unlisted) {
      vocabulary.score(lower, word);
      double shared = word[Vocabulary.ES_PT] + SHARED_PRIOR;
      double en = word[Vocabulary.EN] + ENGLISH_PRIOR;
      double es = Math.max(word[Vocabulary.ES], shared);
      double pt = Math.max(word[Vocabulary.PT], shared);
      double best = Math.max(en, Math.max(es, pt));
      total[EN] += en - best;
      total[ES] += es - best;
      total[PT] += pt - best;
    }
    int top = 0;
    for (int i = 1; i < 3; i++) {
      if (total[i] > total[top]) {
        top = i;
      }
    }
    double second = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      if (i != top) {
        second = Math.max(second, total[i]);
      }
    }
    double margin = total[top] - second;
    if (margin < (unlisted.size() == 1 ? VOCABULARY_MARGIN_ONE_WORD : VOCABULARY_MARGIN)) {
      return LanguageDetection.unknown();
    }
    double confidence = VOCABULARY_CONFIDENCE * (1.0 - Math.exp(-margin / VOCABULARY_SCALE));
    return new LanguageDetection(LANGUAGES[top], confidence);
  }

  /**
   * Scores laughter: "kkkk" and "rsrs" are Portuguese, "jajaja" and "jsjs" Spanish. Returns whether
   * the word was laughter. Two letters ("kk") are not: tenants also type "kk" for "ok".
   */
  private static boolean scoreLaughter(String word, double[] score) {
    int n = word.length();
    if (n < 3) {
      return false;
    }
    if (isRun(word, 'k')) {
      score[PT] += 2.0;
      return true;
    }
    if (n < 4) {
      return false;
    }
    if (alternates(word, 'j', "aeious")) {
      score[ES] += 2.0;
      return true;
    }
    if (alternates(word, 'r', "s")) {
      score[PT] += 2.0;
      return true;
    }
    if (alternates(word, 'h', "a")) {
      // "haha" is written in English and Portuguese alike, rarely in Spanish: too weak alone.
      score[EN] += 0.8;
      score[PT] += 0.5;
      return true;
    }
    return false;
  }

  private static boolean isRun(String word, char c) {
    for (int i = 0; i < word.length(); i++) {
      if (word.charAt(i) != c) {
        return false;
      }
    }
    return true;
  }

  /** True for words made only of {@code consonant} followed by letters from {@code vowels}. */
  private static boolean alternates(String word, char consonant, String vowels) {
    if (word.charAt(0) != consonant) {
      return false;
    }
    int consonants = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == consonant) {
        consonants++;
      } else if (vowels.indexOf(c) < 0) {
        return false;
      }
    }
    return consonants >= 2 && consonants < word.length();
  }

  /** "siii" -> "si", "graciasss" -> "gracias": stretched letters are emphasis, not spelling. */
  private static String collapseElongation(String word) {
    int end = word.length();
    char last = word.charAt(end - 1);
    while (end > 1 && word.charAt(end - 2) == last) {
      end--;
    }
    return end == word.length() ? word : word.substring(0, end);
  }

  /**
   * Picks the best-scoring language. Confidence grows with the lead over the runner-up (saturating,
   * so a long text is not needed to be sure) and is scaled down by the square root of how much of
   * the winner's evidence that lead is, so texts mixing languages stay less certain. No evidence or
   * a tie gives unknown.
   */
  private static LanguageDetection decide(double[] score) {
    int best = 0;
    for (int i = 1; i < 3; i++) {
      if (score[i] > score[best]) {
        best = i;
      }
    }
    double top = score[best];
    double second = 0;
    for (int i = 0; i < 3; i++) {
      if (i != best) {
        second = Math.max(second, score[i]);
      }
    }
    double margin = top - second;
    if (top < MIN_EVIDENCE || margin < 1e-9) {
      return LanguageDetection.unknown();
    }
    double strength = 1.0 - Math.exp(-margin / EVIDENCE_SCALE);
    double clarity = margin / top;
    double confidence = strength * Math.sqrt(clarity);
    return new LanguageDetection(LANGUAGES[best], Math.min(1.0, Math.max(0.0, confidence)));
  }

  /**
   * A word of the text, lower-cased; {@code titleCase} if written like "Maria", {@code nameLike} if
   * additionally not at the start of a sentence.
   */
  private record Token(String lower, boolean titleCase, boolean nameLike) {}

  /**
   * Splits on whitespace, drops chunks with digits, e-mail addresses and links (amounts, units,
   * times, dates carry no language), then cuts the rest into letter runs, keeping apostrophes
   * inside words ("don't").
   */
  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    boolean sentenceStart = true;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      String chunk = text.substring(start, i);
      if (!skipChunk(chunk)) {
        sentenceStart = cutWords(chunk, tokens, sentenceStart);
      } else {
        sentenceStart = endsSentence(chunk);
      }
    }
    return tokens;
  }

  private static boolean skipChunk(String chunk) {
    boolean dotOrColon = false;
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (Character.isDigit(c) || c == '@') {
        return true;
      }
      dotOrColon |= c == '.' || c == ':';
    }
    return dotOrColon && isLink(chunk.toLowerCase(Locale.ROOT));
  }

  private static boolean isLink(String lower) {
    if (lower.contains("://") || lower.startsWith("www.")) {
      return true;
    }
    int end = lower.length();
    while (end > 0 && !Character.isLetter(lower.charAt(end - 1))) {
      end--;
    }
    int dot = lower.lastIndexOf('.', end - 1);
    return dot > 0 && TOP_LEVEL_DOMAINS.contains(lower.substring(dot + 1, end));
  }

  private static boolean endsSentence(String chunk) {
    char last = chunk.charAt(chunk.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == ':';
  }

  private static boolean cutWords(String chunk, List<Token> tokens, boolean sentenceStart) {
    int n = chunk.length();
    int i = 0;
    boolean atStart = sentenceStart;
    while (i < n) {
      while (i < n && !Character.isLetter(chunk.charAt(i))) {
        char c = chunk.charAt(i);
        if (c == '.' || c == '!' || c == '?') {
          atStart = true;
        }
        i++;
      }
      int start = i;
      while (i < n) {
        char c = chunk.charAt(i);
        if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
          i++;
        } else if ((c == '\'' || c == '’')
            && i + 1 < n
            && Character.isLetter(chunk.charAt(i + 1))
            && i > start) {
          i++;
        } else {
          break;
        }
      }
      // The "e" of "e-mail" is not the Portuguese "and".
      boolean prefix = i - start == 1 && i < n && chunk.charAt(i) == '-';
      if (start < i && !prefix) {
        String word = chunk.substring(start, i).replace('’', '\'');
        if (hasCombiningMarks(word)) {
          // Keys are composed ("ã"), some keyboards send "a" plus a combining tilde.
          word = Normalizer.normalize(word, Normalizer.Form.NFC);
        }
        boolean titleCase = isTitleCase(word);
        tokens.add(new Token(word.toLowerCase(Locale.ROOT), titleCase, titleCase && !atStart));
        atStart = false;
      }
    }
    return atStart || endsSentence(chunk);
  }

  private static boolean hasCombiningMarks(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (Character.getType(word.charAt(i)) == Character.NON_SPACING_MARK) {
        return true;
      }
    }
    return false;
  }

  /** "Maria" yes; "I", "I'm", "ATM", "maria" no. */
  private static boolean isTitleCase(String word) {
    if (word.length() < 2 || !Character.isUpperCase(word.charAt(0))) {
      return false;
    }
    if (word.charAt(1) == '\'') {
      return false;
    }
    for (int i = 1; i < word.length(); i++) {
      if (Character.isLowerCase(word.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
