package io.smsfoundation.ports.out;

import io.smsfoundation.domain.phone.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the gateway is asked to send. The gateway derives the per-message status callback URL from
 * {@code messageId}, so that a callback arriving before the SID is stored still finds it.
 *
 * @param body the text; may be empty when {@code mediaUrls} are given
 * @param mediaUrls the pictures of an MMS (absolute {@code https} URLs), in order; empty for an SMS
 */
public record OutboundSms(UUID messageId, PhoneNumber to, String body, List<String> mediaUrls) {

  public OutboundSms {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }

  /** A text message without pictures. */
  public OutboundSms(UUID messageId, PhoneNumber to, String body) {
    this(messageId, to, body, List.of());
  }
}
