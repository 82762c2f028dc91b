package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.ConsentChange;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Applies an expression of consent to a conversation, whoever expressed it: a keyword from the
 * sender, or the provider saying the recipient unsubscribed. The conversation decides what changes;
 * this writes it, logs it and records the event. Called inside the unit of work that owns the
 * write.
 */
final class Consent {

  private static final System.Logger LOG = System.getLogger(Consent.class.getName());

  private final ConversationStore conversations;
  private final EventRecorder events;

  Consent(ConversationStore conversations, EventRecorder events) {
    this.conversations = conversations;
    this.events = events;
  }

  /** Applies {@code intent} to {@code conversation}; returns what changed. */
  ConsentChange apply(Conversation conversation, OptIntent intent, Instant at) {
    ConsentChange change = conversation.consent(intent);
    if (change == ConsentChange.NONE) {
      return change;
    }
    boolean optedOut = change.optedOutAfter(conversation.optedOut());
    if (!conversations.setOptedOut(conversation.id(), optedOut, at)) {
      // a concurrent writer got there first; it reports the change
      return ConsentChange.NONE;
    }
    LOG.log(
        Level.INFO,
        "conversation {0} opted_out {1} -> {2}",
        conversation.id(),
        conversation.optedOut(),
        optedOut);
    events.record(
        change == ConsentChange.OPTED_OUT
            ? EventType.CONVERSATION_OPTED_OUT
            : EventType.CONVERSATION_OPTED_IN,
        new EventSubject(conversation.withOptedOut(optedOut, at), null, Map.of()),
        at);
    return change;
  }

  /** Opts out the conversation {@code conversationId}, when it is not already. */
  ConsentChange optOut(UUID conversationId, Instant at) {
    return conversations
        .findById(conversationId)
        .map(conversation -> apply(conversation, OptIntent.OPT_OUT, at))
        .orElse(ConsentChange.NONE);
  }
}
