package io.smsfoundation.domain.event;

import java.util.Locale;
import java.util.Optional;

/** What an event says happened; its {@link #code()} is the {@code type} consumers see. */
public enum EventType {
  /** An inbound message was stored. */
  MESSAGE_RECEIVED("message.received"),
  /** An outbound message's delivery status moved. */
  MESSAGE_STATUS_UPDATED("message.status_updated"),
  /** A conversation without a tenant got one. */
  CONVERSATION_TENANT_LINKED("conversation.tenant_linked"),
  /** A conversation's tenant changed or was removed. */
  CONVERSATION_TENANT_CHANGED("conversation.tenant_changed"),
  /** The sender asked to receive nothing more. */
  CONVERSATION_OPTED_OUT("conversation.opted_out"),
  /** An opted-out sender asked to receive messages again. */
  CONVERSATION_OPTED_IN("conversation.opted_in"),
  /** A call reached the number. */
  CALL_RECEIVED("call.received"),
  /** A call ended. */
  CALL_COMPLETED("call.completed"),
  /** A day's usage passed the configured threshold. */
  USAGE_THRESHOLD_REACHED("usage.threshold_reached");

  private final String code;

  EventType(String code) {
    this.code = code;
  }

  /** {@code message.received}, {@code conversation.opted_out}... */
  public String code() {
    return code;
  }

  /** The type named {@code code}, or empty for a name no event has. */
  public static Optional<EventType> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.strip().toLowerCase(Locale.ROOT);
    for (EventType type : values()) {
      if (type.code.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
