package io.smsfoundation.domain.event;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One event on its way to one subscription, with what its attempts got. Immutable.
 *
 * @param attempts how many times it was posted
 * @param lastResponseStatus the HTTP status of the last answer, or {@code null} when the last
 *     attempt got none (timeout, refused connection)
 * @param lastError why the last attempt failed, or {@code null}
 */
public record Delivery(
    String id,
    String subscriptionId,
    String eventId,
    EventType eventType,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastResponseStatus,
    String lastError,
    Instant deliveredAt,
    Instant createdAt) {

  /** The prefix of every delivery id. */
  public static final String ID_PREFIX = "dlv_";

  /** Where a delivery is. */
  public enum Status {
    /** Not delivered yet; another attempt is due. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed, or the subscription was switched off; it can be retried by hand. */
    FAILED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A delivery due at once. */
  public static Delivery pending(String id, String subscriptionId, Event event, Instant at) {
    return new Delivery(
        id,
        subscriptionId,
        event.id(),
        event.type(),
        Status.PENDING,
        0,
        at,
        null,
        null,
        null,
        null,
        at);
  }

  /** This delivery after an attempt that a receiver accepted. */
  public Delivery delivered(int responseStatus, Instant at) {
    return new Delivery(
        id,
        subscriptionId,
        eventId,
        eventType,
        Status.DELIVERED,
        attempts + 1,
        null,
        at,
        responseStatus,
        null,
        at,
        createdAt);
  }

  /**
   * This delivery after a failed attempt: due again at {@code nextAttemptAt}, or failed for good
   * when that is {@code null}.
   */
  public Delivery attemptFailed(
      Integer responseStatus, String error, Instant at, Instant nextAttempt) {
    return new Delivery(
        id,
        subscriptionId,
        eventId,
        eventType,
        nextAttempt == null ? Status.FAILED : Status.PENDING,
        attempts + 1,
        nextAttempt,
        at,
        responseStatus,
        error,
        null,
        createdAt);
  }

  /** This delivery given up without an attempt, for example because its subscription is off. */
  public Delivery abandoned(String reason, Instant at) {
    return new Delivery(
        id,
        subscriptionId,
        eventId,
        eventType,
        Status.FAILED,
        attempts,
        null,
        lastAttemptAt,
        lastResponseStatus,
        reason,
        null,
        createdAt);
  }

  /** This failed delivery due again at once, by hand; its attempts start over. */
  public Delivery retried(Instant at) {
    return new Delivery(
        id,
        subscriptionId,
        eventId,
        eventType,
        Status.PENDING,
        0,
        at,
        lastAttemptAt,
        lastResponseStatus,
        lastError,
        null,
        createdAt);
  }
}
