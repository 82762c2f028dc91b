package io.smsfoundation.app.config;

import io.smsfoundation.domain.call.CallRouting;
import io.smsfoundation.domain.call.CallRouting.CallerId;
import io.smsfoundation.domain.call.CallRouting.Dialer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where inbound calls go: the dialers of {@code VOICE_DIALERS} ({@code
 * dialfire=+15551230000,zendesk_talk=+15551239999}), the one for callers whose conversation has a
 * tenant ({@code VOICE_ROUTE_KNOWN}) and the one for the others ({@code VOICE_ROUTE_UNKNOWN}), both
 * the first dialer by default; the caller ID the dialer sees ({@code VOICE_CALLER_ID}: {@code
 * twilio}, the service's number, or {@code caller}); and how long a dial rings ({@code
 * VOICE_DIAL_TIMEOUT}, seconds). No dialer: calls are told to call again later and hung up.
 */
public record VoiceConfig(
    List<Dialer> dialers,
    String routeKnown,
    String routeUnknown,
    CallerId callerId,
    int dialTimeoutSeconds) {

  public static final String VOICE_DIALERS = "VOICE_DIALERS";
  public static final String VOICE_ROUTE_KNOWN = "VOICE_ROUTE_KNOWN";
  public static final String VOICE_ROUTE_UNKNOWN = "VOICE_ROUTE_UNKNOWN";
  public static final String VOICE_CALLER_ID = "VOICE_CALLER_ID";
  public static final String VOICE_DIAL_TIMEOUT = "VOICE_DIAL_TIMEOUT";

  /** Twilio rings a dial for 5 to 600 seconds. */
  static final int MIN_DIAL_TIMEOUT = 5;

  static final int MAX_DIAL_TIMEOUT = 600;

  public VoiceConfig {
    dialers = List.copyOf(dialers);
  }

  /** No dialer, the defaults for the rest. */
  public static VoiceConfig defaults() {
    return new VoiceConfig(
        List.of(), null, null, CallerId.OWN_NUMBER, CallRouting.DEFAULT_DIAL_TIMEOUT_SECONDS);
  }

  /**
   * The routing of calls.
   *
   * @param ownNumber the service's number ({@code TWILIO_PHONE_NUMBER}), or {@code null} to show
   *     the number the caller dialled
   */
  public CallRouting routing(String ownNumber) {
    return new CallRouting(
        dialers, routeKnown, routeUnknown, callerId, dialTimeoutSeconds, ownNumber);
  }

  static VoiceConfig read(AppConfig.Reader read) {
    List<Dialer> dialers = dialers(read, read.text(VOICE_DIALERS));
    List<String> names = dialers.stream().map(Dialer::name).toList();
    String known = route(read, VOICE_ROUTE_KNOWN, names);
    String unknown = route(read, VOICE_ROUTE_UNKNOWN, names);
    CallerId callerId = CallerId.OWN_NUMBER;
    String callerIdText = read.text(VOICE_CALLER_ID);
    if (callerIdText != null) {
      switch (callerIdText.toLowerCase(Locale.ROOT)) {
        case "twilio" -> callerId = CallerId.OWN_NUMBER;
        case "caller" -> callerId = CallerId.CALLER;
        default -> read.problem(VOICE_CALLER_ID, "must be twilio or caller");
      }
    }
    int timeout =
        read.integer(
            VOICE_DIAL_TIMEOUT,
            CallRouting.DEFAULT_DIAL_TIMEOUT_SECONDS,
            MIN_DIAL_TIMEOUT,
            MAX_DIAL_TIMEOUT);
    return new VoiceConfig(dialers, known, unknown, callerId, timeout);
  }

  private static List<Dialer> dialers(AppConfig.Reader read, String text) {
    List<Dialer> dialers = new ArrayList<>();
    if (text == null) {
      return dialers;
    }
    for (String entry : text.split(",", -1)) {
      String item = entry.strip();
      int equals = item.indexOf('=');
      if (equals <= 0) {
        read.problem(
            VOICE_DIALERS,
            "must be name=+E164 pairs separated by commas, such as dialfire=+15551230000");
        return List.of();
      }
      String name = item.substring(0, equals).strip();
      try {
        Dialer dialer = new Dialer(name, item.substring(equals + 1).strip());
        if (dialers.stream().anyMatch(d -> d.name().equals(name))) {
          read.problem(VOICE_DIALERS, "names the dialer " + name + " twice");
          return List.of();
        }
        dialers.add(dialer);
      } catch (IllegalArgumentException invalid) {
        read.problem(VOICE_DIALERS, "has a bad dialer: " + invalid.getMessage());
        return List.of();
      }
    }
    return dialers;
  }

  private static String route(AppConfig.Reader read, String variable, List<String> names) {
    String chosen = read.text(variable);
    if (chosen == null) {
      return null;
    }
    if (!names.contains(chosen)) {
      read.problem(
          variable,
          names.isEmpty()
              ? "names a dialer but VOICE_DIALERS is not set"
              : "must be one of " + String.join(", ", names) + ", got '" + chosen + "'");
      return null;
    }
    return chosen;
  }

  @Override
  public String toString() {
    return "Voice[dialers="
        + dialers.stream().map(Dialer::name).toList()
        + ", routeKnown="
        + routeKnown
        + ", routeUnknown="
        + routeUnknown
        + ", callerId="
        + callerId
        + ", dialTimeout="
        + dialTimeoutSeconds
        + "s]";
  }
}
