package io.smsfoundation.domain.message;

import java.util.Objects;

/**
 * How many SMS segments a body takes and in which encoding. GSM-7 counts septets (characters of the
 * extension table such as {@code €} or {@code [} take two, and an escape pair is never split across
 * segments); UCS-2 counts UTF-16 code units (an emoji takes two, never split).
 *
 * @param encoding the encoding the body needs
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2) of the whole body
 * @param count the number of segments, at least one
 */
public record Segments(MessageEncoding encoding, int units, int count) {

  /** The basic GSM 03.38 alphabet, one septet each. */
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The GSM extension table, two septets each (escape plus character). */
  private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

  public Segments {
    Objects.requireNonNull(encoding, "encoding");
    if (units < 0 || count < 1) {
      throw new IllegalArgumentException("segments need units >= 0 and count >= 1");
    }
  }

  /** Counts the segments of a body; an empty body is one (empty) segment. */
  public static Segments of(String body) {
    Objects.requireNonNull(body, "body");
    return fitsGsm7(body) ? gsm7(body) : ucs2(body);
  }

  private static boolean fitsGsm7(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static Segments gsm7(String body) {
    int total = 0;
    for (int i = 0; i < body.length(); i++) {
      total += GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
    }
    if (total <= MessageEncoding.GSM_7.singleSegment()) {
      return new Segments(MessageEncoding.GSM_7, total, 1);
    }
    int limit = MessageEncoding.GSM_7.perConcatenatedSegment();
    int segments = 1;
    int used = 0;
    for (int i = 0; i < body.length(); i++) {
      int width = GSM_EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
      if (used + width > limit) {
        segments++;
        used = 0;
      }
      used += width;
    }
    return new Segments(MessageEncoding.GSM_7, total, segments);
  }

  private static Segments ucs2(String body) {
    int total = body.length();
    if (total <= MessageEncoding.UCS_2.singleSegment()) {
      return new Segments(MessageEncoding.UCS_2, total, 1);
    }
    int limit = MessageEncoding.UCS_2.perConcatenatedSegment();
    int segments = 1;
    int used = 0;
    for (int i = 0; i < body.length(); ) {
      int width = Character.charCount(body.codePointAt(i));
      if (used + width > limit) {
        segments++;
        used = 0;
      }
      used += width;
      i += width;
    }
    return new Segments(MessageEncoding.UCS_2, total, segments);
  }
}
