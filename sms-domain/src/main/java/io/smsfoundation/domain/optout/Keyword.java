package io.smsfoundation.domain.optout;

import io.smsfoundation.domain.language.Language;
import java.util.Objects;

/**
 * A consent keyword: what it asks ({@link OptIntent}) and the language it is written in, {@link
 * Language#UNKNOWN} for a word several languages share ({@code cancelar}, {@code info}).
 */
public record Keyword(OptIntent intent, Language language) {

  public Keyword {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(language, "language");
  }
}
