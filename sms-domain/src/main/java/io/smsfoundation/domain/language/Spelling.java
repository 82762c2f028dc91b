package io.smsfoundation.domain.language;

/**
 * Spelling evidence for words missing from the word lists: endings and letter pairs that one
 * language uses and the others do not ("-ção", "nh", "lh" in Portuguese; "-ción", "ll", "ñ" in
 * Spanish; "th", "-ing", "w" in English). Stateless, so safe from any thread.
 */
final class Spelling {

  private static final int EN = 0;
  private static final int ES = 1;
  private static final int PT = 2;

  /** One unfamiliar word should never outweigh a couple of known ones. */
  private static final double WORD_CAP = 1.5;

  private Spelling() {}

  /** Scores an unknown lower-case word by its endings and letter pairs. */
  static void score(String word, double[] score) {
    if (word.length() < 3) {
      return;
    }
    String plain = Lexicon.fold(word);
    double en = 0;
    double es = 0;
    double pt = 0;

    if (endsWithAny(plain, "cao", "coes")) {
      pt += 1.5;
    } else if (plain.endsWith("ao")) {
      pt += 0.8;
    }
    if (endsWithAny(plain, "cion", "ciones")) {
      es += 1.5;
    }
    if (endsWithAny(plain, "tion", "tions")) {
      en += 1.2;
    }
    if (plain.contains("nh")) {
      pt += 1.0;
    }
    if (plain.contains("lh")) {
      pt += 1.0;
    }
    if (plain.startsWith("ll")) {
      es += 1.2;
    } else if (plain.contains("ll")) {
      es += 0.7;
      en += 0.4;
    }
    if (plain.contains("ss")) {
      pt += 0.5;
      en += 0.4;
    }
    if (plain.contains("rr")) {
      es += 0.3;
      pt += 0.3;
    }
    if (endsWithAny(plain, "agem", "agens", "dade", "dades")) {
      pt += 1.2;
    } else if (endsWithAny(plain, "dad")) {
      es += 1.2;
    }
    if (endsWithAny(plain, "eiro", "eira", "eiros", "eiras")) {
      pt += 0.8;
    }
    if (endsWithAny(plain, "vel", "veis")) {
      pt += 0.6;
    }
    if (plain.endsWith("ei")) {
      pt += 0.8;
    } else if (plain.endsWith("ou")) {
      pt += 0.8;
    } else if (plain.endsWith("am")) {
      pt += 0.5;
    } else if (plain.endsWith("em")) {
      pt += 0.4;
    }
    if (endsWithAny(plain, "aron", "ieron", "iendo")) {
      es += 1.0;
    }
    if (hasUeDiphthong(plain)) {
      es += 0.5;
    }
    if (plain.contains("ie")) {
      es += 0.4;
      en += 0.2;
    }
    if (endsWithAny(word, "ía", "ían", "ías")) {
      es += 0.8;
    }
    if (word.endsWith("ó")) {
      es += 1.0;
    } else if (word.endsWith("é")) {
      es += 0.5;
      pt += 0.3;
    }
    // Superlatives: Spanish "-ísimo", Portuguese "-íssimo".
    if (endsWithAny(plain, "issimo", "issima", "issimos", "issimas")) {
      pt += 1.2;
    } else if (endsWithAny(plain, "isimo", "isima", "isimos", "isimas")) {
      es += 1.2;
    }
    if (endsWithAny(plain, "ito", "ita", "itos", "itas")) {
      es += 0.5;
    }
    if (endsWithAny(plain, "ar", "er", "ir")) {
      es += 0.3;
      pt += 0.3;
    }

    if (plain.endsWith("ing")) {
      en += 1.2;
    }
    if (plain.contains("th")) {
      en += 1.0;
    }
    if (plain.indexOf('w') >= 0) {
      en += 0.8;
    }
    if (plain.indexOf('k') >= 0) {
      en += 0.5;
    }
    if (plain.contains("sh")) {
      en += 0.6;
    }
    if (plain.contains("ck")) {
      en += 0.8;
    }
    if (plain.contains("ght")) {
      en += 1.0;
    }
    if (plain.endsWith("ly")) {
      en += 0.8;
    } else if (plain.endsWith("y") && !isVowel(plain.charAt(plain.length() - 2))) {
      en += 0.7;
    }
    if (plain.endsWith("ed")) {
      en += 0.5;
    }
    if (plain.contains("oo") || plain.contains("ee")) {
      en += 0.5;
    }
    if (hasEnglishDouble(plain)) {
      en += 0.6;
    }
    if (word.indexOf('\'') > 0) {
      en += 1.0;
    }

    score[EN] += Math.min(en, WORD_CAP);
    score[ES] += Math.min(es, WORD_CAP);
    score[PT] += Math.min(pt, WORD_CAP);
  }

  /** Scores letters only Spanish or Portuguese use; applies to every word, listed or not. */
  static void scoreLetters(String word, double[] score) {
    boolean tilde = false;
    boolean cedilla = false;
    boolean circumflex = false;
    boolean grave = false;
    boolean enye = false;
    for (int i = 0; i < word.length(); i++) {
      switch (word.charAt(i)) {
        case 'ã', 'õ' -> tilde = true;
        case 'ç' -> cedilla = true;
        case 'ê', 'ô', 'â' -> circumflex = true;
        case 'à' -> grave = true;
        case 'ñ' -> enye = true;
        default -> {}
      }
    }
    if (tilde) {
      score[PT] += 1.0;
    }
    if (cedilla) {
      score[PT] += 0.8;
    }
    if (circumflex) {
      score[PT] += 0.6;
    }
    if (grave) {
      score[PT] += 0.5;
    }
    // A lone "ñ" is a Portuguese shorthand for "não", not a Spanish word.
    if (enye && word.length() > 1) {
      score[ES] += 1.0;
    }
  }

  private static boolean endsWithAny(String word, String... endings) {
    for (String ending : endings) {
      if (word.endsWith(ending)) {
        return true;
      }
    }
    return false;
  }

  /** "ue" as a diphthong (puede, fuerte), not the silent u of "que"/"gue" both languages share. */
  private static boolean hasUeDiphthong(String word) {
    for (int i = word.indexOf("ue"); i >= 0; i = word.indexOf("ue", i + 1)) {
      if (i == 0 || (word.charAt(i - 1) != 'q' && word.charAt(i - 1) != 'g')) {
        return true;
      }
    }
    return false;
  }

  /** Doubled consonants that neither Spanish nor Portuguese writes ("ll", "rr", "ss", "cc" do). */
  private static boolean hasEnglishDouble(String word) {
    for (int i = 1; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == word.charAt(i - 1) && "bdfgmnptz".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}
