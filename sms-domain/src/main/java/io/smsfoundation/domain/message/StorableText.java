package io.smsfoundation.domain.message;

/**
 * Text as the service keeps it: any Unicode text except the NUL character and unpaired surrogates,
 * which no SMS carries and which databases refuse in text columns (PostgreSQL's {@code text} and
 * {@code jsonb} cannot hold NUL) or silently turn into {@code ?}. Text from outside that holds them
 * is kept with each replaced by U+FFFD, the Unicode replacement character, so that it can always be
 * stored; whoever needs the exact bytes keeps them beside the text (see {@link RawForm#body()}).
 * Stateless.
 */
public final class StorableText {

  /** U+FFFD, what a character that cannot be kept becomes. */
  public static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** Whether {@code text} can be stored as it is: no NUL, no unpaired surrogate. */
  public static boolean isStorable(String text) {
    return text == null || firstProblem(text) < 0;
  }

  /**
   * {@code text} with every NUL and every unpaired surrogate replaced by {@link #REPLACEMENT}; the
   * same instance when there is nothing to replace, {@code null} for {@code null}.
   */
  public static String of(String text) {
    if (text == null) {
      return null;
    }
    int first = firstProblem(text);
    if (first < 0) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        clean.append(c).append(text.charAt(++i));
      } else if (c == '\0' || Character.isSurrogate(c)) {
        clean.append(REPLACEMENT);
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  /** The index of the first character that cannot be stored, or -1. */
  private static int firstProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
