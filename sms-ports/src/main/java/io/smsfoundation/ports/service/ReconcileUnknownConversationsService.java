package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Schedules tenant-link jobs for conversations that are still unknown, in batches: the ones never
 * asked about first, then the least recently checked, each only once its own wait since the last
 * "not found" has passed (1 hour, 6 hours, 1 day, then weekly: {@link
 * io.smsfoundation.domain.conversation.TenantCheck}). Every unknown conversation is retried in
 * turn, however many there are; none starves behind the others. Conversations with fresh activity
 * are skipped: their inbound message already scheduled a lookup.
 */
public final class ReconcileUnknownConversationsService implements ReconcileUnknownConversations {

  private static final System.Logger LOG =
      System.getLogger(ReconcileUnknownConversationsService.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final JobQueue jobs;
  private final Duration quietFor;
  private final ServiceClock clock;
  private final boolean enabled;

  /**
   * @param quietFor how long a conversation must have had no message before it is reconciled
   * @param enabled false when no directory is configured: there is nobody to ask
   */
  public ReconcileUnknownConversationsService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      JobQueue jobs,
      Duration quietFor,
      boolean enabled,
      Clock clock) {
    this.enabled = enabled;
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.jobs = jobs;
    this.quietFor = quietFor;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public int reconcile(int max) {
    if (!enabled) {
      return 0;
    }
    Instant now = clock.now();
    List<Conversation> unknown =
        conversations.findDueForTenantLookup(now, now.minus(quietFor), max);
    if (unknown.isEmpty()) {
      return 0;
    }
    unitOfWork.inTransaction(
        tx -> {
          unknown.forEach(c -> jobs.enqueue(new Job(Job.Type.LINK_TENANT, c.id().toString())));
          return null;
        });
    LOG.log(Level.INFO, "reconciliation scheduled {0} tenant lookups", unknown.size());
    return unknown.size();
  }
}
