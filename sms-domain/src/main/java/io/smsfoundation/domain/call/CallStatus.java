package io.smsfoundation.domain.call;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A call's status as the service or the provider names it. Unknown words are kept as they came,
 * lower-cased, and never raise; they are recorded in the history but never move a call.
 *
 * <p>The lifecycle moves forward only: {@code received < routed < ringing < in-progress}, and
 * {@code completed}, {@code busy}, {@code no-answer}, {@code failed} and {@code canceled} end it.
 * The provider's early words ({@code queued}, {@code initiated}) rank with {@code received}.
 */
public record CallStatus(String code) {

  /** Ours: the call reached the service. */
  public static final CallStatus RECEIVED = new CallStatus("received");

  /** Ours: the service answered with a dial to a dialer. */
  public static final CallStatus ROUTED = new CallStatus("routed");

  public static final CallStatus RINGING = new CallStatus("ringing");
  public static final CallStatus IN_PROGRESS = new CallStatus("in-progress");
  public static final CallStatus COMPLETED = new CallStatus("completed");
  public static final CallStatus BUSY = new CallStatus("busy");
  public static final CallStatus NO_ANSWER = new CallStatus("no-answer");
  public static final CallStatus FAILED = new CallStatus("failed");
  public static final CallStatus CANCELED = new CallStatus("canceled");

  private static final int FINAL = 100;

  private static final Map<String, Integer> RANKS =
      Map.ofEntries(
          Map.entry("queued", 0),
          Map.entry("initiated", 0),
          Map.entry("received", 0),
          Map.entry("routed", 1),
          Map.entry("ringing", 2),
          Map.entry("in-progress", 3),
          Map.entry("completed", FINAL),
          Map.entry("busy", FINAL),
          Map.entry("no-answer", FINAL),
          Map.entry("failed", FINAL),
          Map.entry("canceled", FINAL));

  public CallStatus {
    Objects.requireNonNull(code, "code");
    code = code.strip().toLowerCase(Locale.ROOT);
    if (code.isEmpty()) {
      throw new IllegalArgumentException("a call status cannot be blank");
    }
  }

  /** The status for any text; unknown words are kept, not rejected. */
  public static CallStatus of(String code) {
    return new CallStatus(code);
  }

  /** Whether the lifecycle knows how to order this status. */
  public boolean isKnown() {
    return RANKS.containsKey(code);
  }

  /** Whether the call is over: nothing may follow. */
  public boolean isFinal() {
    return RANKS.getOrDefault(code, -1) == FINAL;
  }

  /** Whether a call in this status may move to {@code next}: forward only, never out of a final. */
  public boolean canMoveTo(CallStatus next) {
    Objects.requireNonNull(next, "next");
    if (!next.isKnown() || next.equals(this) || isFinal()) {
      return false;
    }
    return RANKS.get(next.code) > RANKS.getOrDefault(code, -1);
  }

  @Override
  public String toString() {
    // for logs: a word the provider made up is text from outside and may hold anything
    return isKnown() ? code : "other";
  }
}
