package io.smsfoundation.domain.call;

import io.smsfoundation.domain.language.Language;
import java.util.Objects;

/**
 * How the service answered a call: a dial to a dialer, or, with no dialer configured, a short
 * announcement in the conversation's language and a hang-up. Kept with the call, so that a repeated
 * webhook gets the same answer even when the configuration changed in between.
 */
public sealed interface CallRoute {

  /**
   * Dial {@code number}, the dialer named {@code dialer}.
   *
   * @param callerId the number the dialer sees as the caller
   * @param timeoutSeconds how long the dialer may ring before the dial gives up
   */
  record Dial(String dialer, String number, String callerId, int timeoutSeconds)
      implements CallRoute {
    public Dial {
      Objects.requireNonNull(dialer, "dialer");
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(callerId, "callerId");
      if (timeoutSeconds < 1) {
        throw new IllegalArgumentException("a dial timeout must be positive");
      }
    }
  }

  /** No dialer is configured: say {@link #text()} in {@code language}, then hang up. */
  record Announcement(Language language) implements CallRoute {
    public Announcement {
      language = language == null || language == Language.UNKNOWN ? Language.EN : language;
    }

    /** What the caller hears. */
    public String text() {
      return switch (language) {
        case ES ->
            "Lo sentimos, en este momento nadie puede atender su llamada."
                + " Por favor, llame más tarde o envíenos un mensaje de texto.";
        case PT ->
            "Desculpe, no momento ninguém pode atender a sua chamada."
                + " Por favor, ligue mais tarde ou envie uma mensagem de texto.";
        default ->
            "Sorry, nobody can take your call right now."
                + " Please call again later or send us a text message.";
      };
    }
  }
}
