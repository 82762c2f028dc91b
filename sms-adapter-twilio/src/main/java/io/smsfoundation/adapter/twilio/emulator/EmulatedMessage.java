package io.smsfoundation.adapter.twilio.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A message the emulator created, as it stands now.
 *
 * @param from the sender number, or {@code null} when a messaging service was given
 * @param messagingServiceSid the messaging service given instead of a sender, or {@code null}
 * @param statusCallback the status callback URL given, or {@code null}
 * @param status the current Twilio status ({@code queued}, {@code sent}, {@code delivered}...)
 * @param errorCode the Twilio error code of a failed delivery, or {@code null}
 */
public record EmulatedMessage(
    String sid,
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    String statusCallback,
    int numSegments,
    String status,
    Integer errorCode,
    Instant dateCreated,
    Instant dateUpdated) {

  public EmulatedMessage {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dateCreated, "dateCreated");
    Objects.requireNonNull(dateUpdated, "dateUpdated");
  }

  EmulatedMessage withStatus(String newStatus, Integer newErrorCode, Instant at) {
    return new EmulatedMessage(
        sid,
        accountSid,
        to,
        from,
        messagingServiceSid,
        body,
        statusCallback,
        numSegments,
        newStatus,
        newErrorCode,
        dateCreated,
        at);
  }

  @Override
  public String toString() {
    // Neither the body nor full numbers end up in logs or assertion messages.
    return "EmulatedMessage[sid=" + sid + ", status=" + status + ", errorCode=" + errorCode + "]";
  }
}
