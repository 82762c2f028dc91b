package io.smsfoundation.domain.call;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.phone.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where inbound calls go: the configured dialers, which of them takes callers whose conversation
 * has a tenant and which takes the others, and the caller ID the dialer sees. The decision uses
 * only what is already known about the caller (whether the conversation has a tenant, its
 * language); it never asks anyone. Immutable and thread-safe.
 *
 * @param dialers the dialers in configuration order; may be empty (calls are then announced)
 * @param knownDialer the dialer of callers with a tenant, {@code null} for the first dialer
 * @param unknownDialer the dialer of callers without one, {@code null} for the first dialer
 * @param ownNumber the service's own number, shown as caller ID by {@link CallerId#OWN_NUMBER};
 *     {@code null} to show the number the caller dialled
 */
public record CallRouting(
    List<Dialer> dialers,
    String knownDialer,
    String unknownDialer,
    CallerId callerId,
    int dialTimeoutSeconds,
    String ownNumber) {

  /** Twilio's default, and the old service's: 20 seconds of ringing. */
  public static final int DEFAULT_DIAL_TIMEOUT_SECONDS = 20;

  /** Which number the dialer sees as the caller. */
  public enum CallerId {
    /** The service's own number (the one the caller dialled). */
    OWN_NUMBER,
    /** The caller's own number, when it is a phone number; else the service's own. */
    CALLER
  }

  /** One dialer: a name for records and metrics, and the number that reaches it. */
  public record Dialer(String name, String number) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    public Dialer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(number, "number");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a dialer name is lower-case letters, digits, '_' and '-' (at most 64)");
      }
      if (!E164.matcher(number).matches()) {
        throw new IllegalArgumentException("a dialer number must be E.164, such as +15551230000");
      }
    }
  }

  /**
   * Why a call was routed as it was: {@code known_caller} (the conversation has a tenant), {@code
   * unknown_caller}, or {@code no_dialer}.
   */
  public record Decision(String reason, CallRoute route) {
    public Decision {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(route, "route");
    }
  }

  public CallRouting {
    dialers = List.copyOf(dialers);
    Objects.requireNonNull(callerId, "callerId");
    if (dialTimeoutSeconds < 1) {
      throw new IllegalArgumentException("the dial timeout must be positive");
    }
    if (dialers.stream().map(Dialer::name).distinct().count() != dialers.size()) {
      throw new IllegalArgumentException("two dialers have the same name");
    }
    for (String chosen : new String[] {knownDialer, unknownDialer}) {
      if (chosen != null && find(dialers, chosen).isEmpty()) {
        throw new IllegalArgumentException("no dialer is named " + chosen);
      }
    }
  }

  /** No dialer: every call is announced and hung up. */
  public static CallRouting none() {
    return new CallRouting(
        List.of(), null, null, CallerId.OWN_NUMBER, DEFAULT_DIAL_TIMEOUT_SECONDS, null);
  }

  /**
   * Routes a call from {@code caller} to {@code dialled}.
   *
   * @param knownCaller whether the caller's conversation has a tenant
   * @param dialled the number the caller dialled (the service's own)
   * @param language the conversation's language, for an announcement
   */
  public Decision route(boolean knownCaller, Address caller, String dialled, Language language) {
    Objects.requireNonNull(caller, "caller");
    if (dialers.isEmpty()) {
      return new Decision("no_dialer", new CallRoute.Announcement(language));
    }
    String chosen = knownCaller ? knownDialer : unknownDialer;
    Dialer dialer = chosen == null ? dialers.getFirst() : find(dialers, chosen).orElseThrow();
    String own = ownNumber != null ? ownNumber : dialled;
    String shown = callerId == CallerId.CALLER && caller.isPhoneNumber() ? caller.canonical() : own;
    return new Decision(
        knownCaller ? "known_caller" : "unknown_caller",
        new CallRoute.Dial(dialer.name(), dialer.number(), shown, dialTimeoutSeconds));
  }

  private static Optional<Dialer> find(List<Dialer> dialers, String name) {
    return dialers.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
