package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Instant;

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

  TenantLinkChanges(
      UnitOfWork unitOfWork, ConversationStore conversations, TenantNumbers tenantNumbers) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.tenantNumbers = tenantNumbers;
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
              if (change.changesTenant()) {
                // conversation.tenant_changed {conversation_id, before, after, source, at} is
                // emitted here, in this transaction, once the service has events.
              }
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
}
