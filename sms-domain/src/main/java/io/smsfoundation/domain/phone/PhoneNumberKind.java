package io.smsfoundation.domain.phone;

import java.util.Locale;

/** What kind of address a sender or recipient turned out to be. */
public enum PhoneNumberKind {
  /** A number that normalizes to E.164. */
  E164,
  /** A short code such as {@code 12345}: digits too short to be a subscriber number. */
  SHORT_CODE,
  /** An alphanumeric sender id such as {@code VERIZON}. */
  ALPHANUMERIC,
  /** Anything else; kept as it came so that no inbound message is dropped for its sender. */
  UNPARSED;

  /** The lower-case name stored in the database, for example {@code short_code}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind for a stored code; unrecognised codes are {@link #UNPARSED}. */
  public static PhoneNumberKind fromCode(String code) {
    if (code == null) {
      return UNPARSED;
    }
    for (PhoneNumberKind kind : values()) {
      if (kind.code().equalsIgnoreCase(code.trim())) {
        return kind;
      }
    }
    return UNPARSED;
  }
}
