package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a change of a conversation's tenant link that the model decided ({@link
 * Conversation#directoryAnswered}, {@link Conversation#setTenantByHand}): the link, its source and
 * check time, the tenant history entry, the new tenant's use of the number and the old tenant's
 * loss of it, in one transaction. The one place where a conversation moves from one tenant to
 * another.
 */
final class TenantLinkChanges {

  private static final System.Logger LOG = System.getLogger(TenantLinkChanges.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final TenantNumbers tenantNumbers;
  private final MessageStore messages;
  private final EventRecorder events;

  TenantLinkChanges(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      TenantNumbers tenantNumbers,
      MessageStore messages,
      EventRecorder events) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.tenantNumbers = tenantNumbers;
    this.messages = messages;
    this.events = events;
  }

  /**
   * Applies {@code change} to {@code conversation} unless the conversation changed since it was
   * read (then nothing is written and the answer is false).
   */
  boolean apply(Conversation conversation, TenantChange change, TenantSource source, Instant at) {
    boolean applied =
        unitOfWork.inTransaction(
            tx -> {
              if (!conversations.changeTenant(conversation.id(), change, source, at)) {
                return false;
              }
              String number = conversation.address().canonical();
              if (change.changesTenant() && change.before() != null) {
                // the number went to someone else: sends to the old tenant must not pick it
                tenantNumbers.forget(change.before(), number);
              }
              if (change.after() != null) {
                tenantNumbers.recordUse(change.after(), number, at);
              }
              announce(conversation, change, source, at);
              return true;
            });
    if (applied && change.changesTenant()) {
      LOG.log(
          Level.INFO,
          "conversation {0} tenant {1} -> {2} ({3})",
          conversation.id(),
          change.before() == null ? "none" : change.before(),
          change.after() == null ? "none" : change.after(),
          source.code());
    }
    return applied;
  }

  /**
   * Records the event of a change of {@code conversation}'s tenant, inside the transaction that
   * writes it: {@code conversation.tenant_linked} for a first link, with how many messages arrived
   * while the tenant was unknown and the first of them (so a workflow can catch up), else {@code
   * conversation.tenant_changed}. A change that changes nothing records nothing.
   */
  void announce(Conversation conversation, TenantChange change, TenantSource source, Instant at) {
    if (!change.changesTenant()) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("previous_tenant_id", change.before());
    details.put("tenant_source", source.code());
    EventType type;
    if (change.before() == null) {
      type = EventType.CONVERSATION_TENANT_LINKED;
      MessageStore.InboundSummary unknown = messages.inboundSummary(conversation.id());
      details.put("unknown_message_count", unknown.count());
      details.put(
          "first_unknown_message_id",
          unknown.firstMessageId() == null ? null : unknown.firstMessageId().toString());
    } else {
      type = EventType.CONVERSATION_TENANT_CHANGED;
    }
    events.record(
        type,
        new EventSubject(conversation.withTenantChange(change, source, at), null, details),
        at);
  }
}
