package io.smsfoundation.domain.call;

import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StorableText;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A call to the service's number, kept with the caller's conversation: how it was answered, its
 * status and times, and the webhook's form exactly as the provider posted it (with its exact bytes,
 * {@link RawForm#body()}).
 *
 * @param callSid the provider's id of the call; one call is kept per id
 * @param tenantId the conversation's tenant when the call came in, or {@code null}
 * @param route how the service answered
 * @param routedAt when the call was routed to a dialer, {@code null} when it was not
 * @param answeredAt when the call was answered, {@code null} while it was not (or is unknown)
 * @param endedAt when the call ended, {@code null} while it goes on
 * @param durationSeconds the duration the provider reported, or {@code null}
 * @param responseTimeMs how long the service took from receiving the webhook to writing its answer,
 *     {@code null} until the answer was written
 */
public record Call(
    UUID id,
    String callSid,
    UUID conversationId,
    String tenantId,
    String from,
    String to,
    Direction direction,
    CallStatus status,
    CallRoute route,
    Instant receivedAt,
    Instant routedAt,
    Instant answeredAt,
    Instant endedAt,
    Integer durationSeconds,
    Long responseTimeMs,
    RawForm rawWebhookData,
    Instant updatedAt) {

  public Call {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(callSid, "callSid");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    callSid = StorableText.of(callSid);
    from = StorableText.of(from);
    to = StorableText.of(to);
    tenantId = StorableText.of(tenantId);
    rawWebhookData = rawWebhookData == null ? RawForm.empty() : rawWebhookData;
  }

  /**
   * A call that just came in and was answered with {@code route}: {@link CallStatus#ROUTED} when it
   * dials a dialer, {@link CallStatus#RECEIVED} when it was only announced.
   */
  public static Call inbound(
      UUID id,
      String callSid,
      UUID conversationId,
      String tenantId,
      String from,
      String to,
      CallRoute route,
      RawForm rawForm,
      Instant at) {
    boolean dialled = route instanceof CallRoute.Dial;
    return new Call(
        id,
        callSid,
        conversationId,
        tenantId,
        from,
        to,
        Direction.INBOUND,
        dialled ? CallStatus.ROUTED : CallStatus.RECEIVED,
        route,
        at,
        dialled ? at : null,
        null,
        null,
        null,
        null,
        rawForm,
        at);
  }

  /** The dialer's name when the call was routed to one, else {@code null}. */
  public String routedDialer() {
    return route instanceof CallRoute.Dial dial ? dial.dialer() : null;
  }

  /** The number the call was routed to, else {@code null}. */
  public String routedTo() {
    return route instanceof CallRoute.Dial dial ? dial.number() : null;
  }

  /** What a reported status does to this call: forward only, nothing after the end. */
  public CallChange report(CallStatus reported) {
    Objects.requireNonNull(reported, "reported");
    return status.canMoveTo(reported)
        ? new CallChange.Moved(status, reported)
        : new CallChange.Unchanged(status);
  }

  /**
   * This call after {@code change} at {@code at}: answered when it goes in progress (or, when it
   * ends with a duration and was never seen in progress, that long before its end), ended when the
   * status is final, with the duration reported.
   *
   * @param reportedDuration the duration the report carried, or {@code null}
   */
  public Call after(CallChange.Moved change, Integer reportedDuration, Instant at) {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(at, "at");
    CallStatus next = change.next();
    Instant answered = answeredAt;
    if (answered == null && next.equals(CallStatus.IN_PROGRESS)) {
      answered = at;
    }
    Integer duration = reportedDuration != null ? reportedDuration : durationSeconds;
    if (answered == null && next.isFinal() && duration != null && duration > 0) {
      answered = at.minusSeconds(duration);
    }
    return new Call(
        id,
        callSid,
        conversationId,
        tenantId,
        from,
        to,
        direction,
        next,
        route,
        receivedAt,
        routedAt,
        answered,
        next.isFinal() && endedAt == null ? at : endedAt,
        duration,
        responseTimeMs,
        rawWebhookData,
        at);
  }

  /** This call with the time its answer took, when none was recorded yet. */
  public Call withResponseTime(long millis) {
    if (responseTimeMs != null) {
      return this;
    }
    return new Call(
        id,
        callSid,
        conversationId,
        tenantId,
        from,
        to,
        direction,
        status,
        route,
        receivedAt,
        routedAt,
        answeredAt,
        endedAt,
        durationSeconds,
        millis,
        rawWebhookData,
        updatedAt);
  }
}
