package io.smsfoundation.ports.out;

import io.smsfoundation.domain.message.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A message as the SMS provider lists it, for settling a send whose outcome was unknown.
 *
 * @param providerMessageId the provider's id (Twilio's SID)
 * @param body the text the provider holds
 * @param status the provider's current status of the message
 * @param createdAt when the provider created it
 */
public record ProviderMessage(
    String providerMessageId, String body, DeliveryStatus status, Instant createdAt) {

  public ProviderMessage {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    // the body stays out of logs and assertion messages
    return "ProviderMessage[" + providerMessageId + ", " + status + ", " + createdAt + "]";
  }
}
