package io.smsfoundation.adapter.twilio.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message the emulator created, as it stands now.
 *
 * @param from the sender number, or {@code null} when a messaging service was given
 * @param messagingServiceSid the messaging service given instead of a sender, or {@code null}
 * @param mediaUrls the pictures of an MMS ({@code MediaUrl}), in order; empty for an SMS
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
    List<String> mediaUrls,
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
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
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
        mediaUrls,
        statusCallback,
        numSegments,
        newStatus,
        newErrorCode,
        dateCreated,
        at);
  }

  /** Whether the message carries pictures: Twilio sends and bills it as an MMS. */
  public boolean isMms() {
    return !mediaUrls.isEmpty();
  }

  /**
   * What the emulator bills, once the message has settled ({@code delivered}, {@code undelivered},
   * {@code failed}): like Twilio, a negative amount in USD, per segment for an SMS and per message
   * for an MMS; {@code null} before.
   */
  public BigDecimal price() {
    if (!status.equals("delivered") && !status.equals("undelivered") && !status.equals("failed")) {
      return null;
    }
    return isMms() ? MMS_PRICE : SMS_SEGMENT_PRICE.multiply(BigDecimal.valueOf(numSegments));
  }

  /** The emulator's price of one SMS segment. */
  public static final BigDecimal SMS_SEGMENT_PRICE = new BigDecimal("-0.00790");

  /** The emulator's price of one MMS. */
  public static final BigDecimal MMS_PRICE = new BigDecimal("-0.02000");

  @Override
  public String toString() {
    // Neither the body nor full numbers end up in logs or assertion messages.
    return "EmulatedMessage[sid=" + sid + ", status=" + status + ", errorCode=" + errorCode + "]";
  }
}
