package io.smsfoundation.ports.out;

import io.smsfoundation.domain.phone.PhoneNumber;
import java.util.Objects;
import java.util.UUID;

/**
 * What the gateway is asked to send. The gateway derives the per-message status callback URL from
 * {@code messageId}, so that a callback arriving before the SID is stored still finds it.
 */
public record OutboundSms(UUID messageId, PhoneNumber to, String body) {

  public OutboundSms {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
  }
}
