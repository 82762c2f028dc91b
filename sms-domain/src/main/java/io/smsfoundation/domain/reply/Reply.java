package io.smsfoundation.domain.reply;

import io.smsfoundation.domain.language.Language;
import java.util.Locale;
import java.util.Objects;

/**
 * An answer to an inbound message, sent back in the provider's reply to the webhook.
 *
 * @param rule the auto-reply rule that gave it, or {@code null} for a compliance answer
 */
public record Reply(Source source, String rule, String text, Language language) {

  /** Why the service answered. */
  public enum Source {
    /** A keyword carriers require an answer to (HELP, STOP, START). */
    COMPLIANCE,
    /** An auto-reply rule. */
    AUTO_REPLY;

    /** {@code compliance} or {@code auto_reply}, as stored and shown. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Source fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public Reply {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(language, "language");
  }
}
