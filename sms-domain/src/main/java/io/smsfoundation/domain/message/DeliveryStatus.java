package io.smsfoundation.domain.message;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message's delivery status as Twilio (or the service) names it. Unknown strings are kept as they
 * came, lower-cased, and never raise: Twilio may add statuses at any time.
 *
 * <p>The lifecycle moves forward only: {@code pending/unknown < accepted, scheduled, queued <
 * sending < sent < delivered < read}. {@code undelivered}, {@code failed} and {@code canceled} end
 * it, and so does {@code delivered}, except that it may still become {@code read}.
 */
public record DeliveryStatus(String code) {

  /** Ours: stored, the send job has not called Twilio yet. */
  public static final DeliveryStatus PENDING = new DeliveryStatus("pending");

  /** Ours: the send may or may not have reached Twilio; never re-sent blindly. */
  public static final DeliveryStatus UNKNOWN = new DeliveryStatus("unknown");

  public static final DeliveryStatus ACCEPTED = new DeliveryStatus("accepted");
  public static final DeliveryStatus SCHEDULED = new DeliveryStatus("scheduled");
  public static final DeliveryStatus QUEUED = new DeliveryStatus("queued");
  public static final DeliveryStatus SENDING = new DeliveryStatus("sending");
  public static final DeliveryStatus SENT = new DeliveryStatus("sent");
  public static final DeliveryStatus DELIVERED = new DeliveryStatus("delivered");
  public static final DeliveryStatus READ = new DeliveryStatus("read");
  public static final DeliveryStatus PARTIALLY_DELIVERED =
      new DeliveryStatus("partially_delivered");
  public static final DeliveryStatus UNDELIVERED = new DeliveryStatus("undelivered");
  public static final DeliveryStatus FAILED = new DeliveryStatus("failed");
  public static final DeliveryStatus CANCELED = new DeliveryStatus("canceled");
  public static final DeliveryStatus RECEIVING = new DeliveryStatus("receiving");
  public static final DeliveryStatus RECEIVED = new DeliveryStatus("received");

  private static final int FINAL_FAILURE = 100;

  /** Rank of each outbound status; a status moves only to a higher rank. */
  private static final Map<String, Integer> RANKS =
      Map.ofEntries(
          Map.entry("pending", 0),
          Map.entry("unknown", 0),
          Map.entry("accepted", 1),
          Map.entry("scheduled", 1),
          Map.entry("queued", 1),
          Map.entry("sending", 2),
          Map.entry("sent", 3),
          Map.entry("partially_delivered", 4),
          Map.entry("delivered", 4),
          Map.entry("read", 5),
          Map.entry("undelivered", FINAL_FAILURE),
          Map.entry("failed", FINAL_FAILURE),
          Map.entry("canceled", FINAL_FAILURE),
          Map.entry("receiving", 0),
          Map.entry("received", 0));

  public DeliveryStatus {
    Objects.requireNonNull(code, "code");
    code = code.strip().toLowerCase(Locale.ROOT);
    if (code.isEmpty()) {
      throw new IllegalArgumentException("a status cannot be blank");
    }
  }

  /** The status for any text; unknown words are kept, not rejected. */
  public static DeliveryStatus of(String code) {
    return new DeliveryStatus(code);
  }

  /** Whether this is one of the statuses the lifecycle knows how to order. */
  public boolean isKnown() {
    return RANKS.containsKey(code);
  }

  /** Whether nothing but {@code delivered -> read} may follow this status. */
  public boolean isFinal() {
    return isFailure()
        || code.equals("delivered")
        || code.equals("read")
        || code.equals("partially_delivered");
  }

  /** Whether this status means the message did not, and will not, arrive. */
  public boolean isFailure() {
    return RANKS.getOrDefault(code, -1) == FINAL_FAILURE;
  }

  /**
   * Whether a message in this status may move to {@code next}: forward only, failures end the
   * lifecycle, {@code delivered} only becomes {@code read}, unknown words never move it.
   */
  public boolean canMoveTo(DeliveryStatus next) {
    Objects.requireNonNull(next, "next");
    if (!next.isKnown() || next.equals(this) || next.isInbound()) {
      return false;
    }
    if (isFinal()) {
      return equals(DELIVERED) && next.equals(READ);
    }
    if (next.isFailure()) {
      return true;
    }
    return RANKS.get(next.code) > RANKS.getOrDefault(code, -1);
  }

  /** The status a message should have after {@code reported} arrives: it or this one. */
  public DeliveryStatus advance(DeliveryStatus reported) {
    return canMoveTo(reported) ? reported : this;
  }

  private boolean isInbound() {
    return code.equals("receiving") || code.equals("received");
  }

  @Override
  public String toString() {
    // for logs: a word the provider made up is text from outside and may hold anything
    return isKnown() ? code : "other";
  }
}
