package io.smsfoundation.domain.language;

import java.util.Locale;

/** A language the platform can talk to tenants in, or {@link #UNKNOWN}; immutable and shared. */
public enum Language {
  EN("en"),
  ES("es"),
  PT("pt"),
  UNKNOWN("unknown");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** The lower-case code used in storage and templates: {@code en}, {@code es}, {@code pt}. */
  public String code() {
    return code;
  }

  /** Case-insensitive inverse of {@link #code()}; {@code null} or anything else is UNKNOWN. */
  public static Language fromCode(String code) {
    if (code == null) {
      return UNKNOWN;
    }
    String wanted = code.strip().toLowerCase(Locale.ROOT);
    for (Language language : values()) {
      if (language.code.equals(wanted)) {
        return language;
      }
    }
    return UNKNOWN;
  }
}
