package io.smsfoundation.domain.reply;

import java.util.Objects;
import java.util.UUID;

/**
 * Why an outbound message exists when the service sent it of its own accord: an answer to the
 * inbound message {@code replyTo}.
 *
 * @param rule the auto-reply rule that gave it, or {@code null} for a compliance answer
 */
public record ReplyOrigin(Reply.Source source, UUID replyTo, String rule) {

  public ReplyOrigin {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(replyTo, "replyTo");
  }
}
