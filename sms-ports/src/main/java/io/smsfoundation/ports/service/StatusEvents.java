package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageStore;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Moves a message's delivery status forward from a reported status, the one place where that rule
 * meets the stores. Called inside a unit of work with the message locked.
 */
final class StatusEvents {

  /** Twilio's error code for a recipient who replied STOP. */
  static final String UNSUBSCRIBED = "21610";

  private static final System.Logger LOG = System.getLogger(StatusEvents.class.getName());

  private final MessageStore messages;
  private final ConversationStore conversations;

  StatusEvents(MessageStore messages, ConversationStore conversations) {
    this.messages = messages;
    this.conversations = conversations;
  }

  /**
   * Applies a reported status to a message: records the SID when the message had none, moves the
   * status when the lifecycle allows, keeps the error code, and marks the recipient opted out on
   * 21610.
   *
   * @return the message's status afterwards
   */
  DeliveryStatus apply(
      Message message, String sid, DeliveryStatus reported, String errorCode, Instant at) {
    DeliveryStatus previous = message.deliveryStatus();
    DeliveryStatus next = previous.advance(reported);
    boolean newSid = message.twilioSid() == null && sid != null;
    boolean moved = !next.equals(previous);
    if (moved || newSid) {
      messages.updateDelivery(
          message.id(),
          new DeliveryUpdate(newSid ? sid : null, next, moved ? errorCode : null, null, at));
    }
    if (moved) {
      LOG.log(
          Level.INFO,
          "message {0} sid={1} status {2} -> {3}",
          message.id(),
          sid == null ? message.twilioSid() : sid,
          previous,
          next);
    }
    if (UNSUBSCRIBED.equals(errorCode)) {
      conversations.setOptedOut(message.conversationId(), true, at);
    }
    return next;
  }

  /** Attaches and applies the callbacks that arrived for {@code sid} before its message did. */
  DeliveryStatus applyKept(Message message, String sid, Instant at) {
    Message current = message;
    for (StatusEvent kept : messages.unattachedStatusEvents(sid)) {
      DeliveryStatus status = apply(current, sid, kept.status(), kept.errorCode(), at);
      current = current.withDelivery(sid, status, current.errorCode(), current.errorMessage(), at);
    }
    messages.attachStatusEvents(sid, message.id());
    return current.deliveryStatus();
  }
}
