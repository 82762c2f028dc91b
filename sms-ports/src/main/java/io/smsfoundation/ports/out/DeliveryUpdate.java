package io.smsfoundation.ports.out;

import io.smsfoundation.domain.message.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to an outbound message's delivery state.
 *
 * @param twilioSid the SID to record, or {@code null} to keep the stored one
 * @param errorCode Twilio's error code, or {@code null} to keep the stored one
 * @param errorMessage a short reason, or {@code null} to keep the stored one
 */
public record DeliveryUpdate(
    String twilioSid, DeliveryStatus status, String errorCode, String errorMessage, Instant at) {

  public DeliveryUpdate {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
