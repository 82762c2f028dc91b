package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.message.DeliveryChange;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes what a reported delivery status does to a message, the one place where the message's
 * decision ({@link Message#reportDelivery}) meets the stores. Called inside a unit of work with the
 * message locked.
 */
final class StatusEvents {

  private static final System.Logger LOG = System.getLogger(StatusEvents.class.getName());

  private final MessageStore messages;
  private final ConversationStore conversations;
  private final Consent consent;
  private final EventRecorder events;
  private final JobQueue jobs;

  StatusEvents(
      MessageStore messages, ConversationStore conversations, EventRecorder events, JobQueue jobs) {
    this.messages = messages;
    this.conversations = conversations;
    this.consent = new Consent(conversations, events);
    this.events = events;
    this.jobs = jobs;
  }

  /**
   * Applies a reported status to a message: records the provider id when the message had none,
   * moves the status when the lifecycle allows (and with it the conversation's last activity),
   * keeps the error code, and opts the recipient out when the provider says they unsubscribed. An
   * inbound message changes in no way.
   *
   * @return what the report did
   */
  DeliveryChange apply(
      Message message,
      String providerMessageId,
      DeliveryStatus reported,
      String errorCode,
      boolean recipientOptedOut,
      Instant at) {
    DeliveryChange change = message.reportDelivery(reported);
    if (change instanceof DeliveryChange.NotOutbound) {
      return change;
    }
    boolean newId = message.twilioSid() == null && providerMessageId != null;
    boolean moved = change instanceof DeliveryChange.Moved;
    if (moved || newId) {
      messages.updateDelivery(
          message.id(),
          new DeliveryUpdate(
              newId ? providerMessageId : null,
              change.statusAfter(),
              moved ? errorCode : null,
              null,
              at));
    }
    if (moved) {
      conversations.recordActivity(message.conversationId(), at);
      announce(
          message.withDelivery(
              newId ? providerMessageId : null,
              change.statusAfter(),
              errorCode != null ? errorCode : message.errorCode(),
              message.errorMessage(),
              at),
          message.deliveryStatus(),
          at);
    }
    if (recipientOptedOut) {
      consent.optOut(message.conversationId(), at);
    }
    return change;
  }

  /**
   * Logs a status move of {@code message} (as it is after the move) and records its event; the
   * caller has written the move. A message the provider has settled gets a job that asks the
   * provider what it cost.
   */
  void announce(Message message, DeliveryStatus previous, Instant at) {
    if (message.isOutbound()
        && message.twilioSid() != null
        && message.deliveryStatus().isFinal()
        && message.usage().price() == null) {
      jobs.enqueue(new Job(Job.Type.FETCH_PRICE, message.id().toString()));
    }
    LOG.log(
        Level.INFO,
        "message {0} sid={1} status {2} -> {3}",
        message.id(),
        message.twilioSid(),
        previous,
        message.deliveryStatus());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("previous_status", previous.code());
    details.put("status", message.deliveryStatus().code());
    details.put("error_code", message.errorCode());
    Conversation conversation = conversations.findById(message.conversationId()).orElse(null);
    events.record(
        EventType.MESSAGE_STATUS_UPDATED, new EventSubject(conversation, message, details), at);
  }

  /**
   * Attaches and applies the reports that arrived for {@code providerMessageId} before its message
   * did.
   */
  DeliveryStatus applyKept(Message message, String providerMessageId, Instant at) {
    Message current = message;
    for (StatusEvent kept : messages.unattachedStatusEvents(providerMessageId)) {
      DeliveryStatus status =
          apply(
                  current,
                  providerMessageId,
                  kept.status(),
                  kept.errorCode(),
                  kept.recipientOptedOut(),
                  at)
              .statusAfter();
      current =
          current.withDelivery(
              providerMessageId, status, current.errorCode(), current.errorMessage(), at);
    }
    messages.attachStatusEvents(providerMessageId, message.id());
    return current.deliveryStatus();
  }
}
