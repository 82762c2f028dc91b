package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * Counts tenant links by what triggered them ({@code sms.tenant.links}: the conversation's own
 * inbound message, or the periodic reconciliation of unknown conversations) and the
 * reconciliation's runs and lookups. The reconciliation decorator marks its thread; the job-queue
 * decorator remembers the conversations it schedules for lookup on that thread; the store
 * decorator, seeing a link succeed, tells which kind it was. A link also puts {@code tenant_id} in
 * the log context of the job that made it.
 */
final class TenantLinks {

  /** Bounds the memory of scheduled conversations whose lookup never links. */
  private static final int MAX_REMEMBERED = 100_000;

  private final ThreadLocal<Boolean> reconciling = ThreadLocal.withInitial(() -> false);
  private final Set<UUID> scheduledByReconciliation = ConcurrentHashMap.newKeySet();
  private final Counter linkedAfterInbound;
  private final Counter linkedByReconciliation;
  private final Counter runs;
  private final Counter scheduled;
  private final Counter changedByDirectory;
  private final Counter changedByHand;

  TenantLinks(MeterRegistry registry) {
    linkedAfterInbound = linkCounter(registry, "inbound");
    linkedByReconciliation = linkCounter(registry, "reconciliation");
    runs =
        Counter.builder(ServiceMetrics.RECONCILIATION_RUNS)
            .description("Runs of the reconciliation of conversations without a tenant")
            .register(registry);
    scheduled =
        Counter.builder(ServiceMetrics.RECONCILIATION_SCHEDULED)
            .description("Tenant lookups the reconciliation scheduled")
            .register(registry);
    changedByDirectory = changeCounter(registry, TenantSource.DIRECTORY);
    changedByHand = changeCounter(registry, TenantSource.MANUAL);
  }

  private static Counter changeCounter(MeterRegistry registry, TenantSource source) {
    return Counter.builder(ServiceMetrics.TENANT_CHANGES)
        .description(
            "Linked conversations moved to another tenant or to none: by re-verification with the"
                + " directory, or by hand")
        .tag("source", source.code())
        .register(registry);
  }

  private static Counter linkCounter(MeterRegistry registry, String trigger) {
    return Counter.builder(ServiceMetrics.TENANT_LINKS)
        .description("Conversations linked to their tenant, by what triggered the lookup")
        .tag("trigger", trigger)
        .register(registry);
  }

  ReconcileUnknownConversations reconciliation(ReconcileUnknownConversations delegate) {
    return max -> {
      reconciling.set(true);
      try {
        int count = delegate.reconcile(max);
        runs.increment();
        scheduled.increment(count);
        return count;
      } finally {
        reconciling.remove();
      }
    };
  }

  JobQueue jobQueue(JobQueue delegate) {
    return new JobQueue() {
      @Override
      public void enqueue(Job job, Duration delay) {
        if (job.type() == Job.Type.LINK_TENANT
            && reconciling.get()
            && scheduledByReconciliation.size() < MAX_REMEMBERED) {
          try {
            scheduledByReconciliation.add(UUID.fromString(job.subjectId()));
          } catch (IllegalArgumentException notAnId) {
            // not a conversation id: nothing to remember
          }
        }
        delegate.enqueue(job, delay);
      }

      @Override
      public JobBacklog backlog() {
        return delegate.backlog();
      }
    };
  }

  ConversationStore store(ConversationStore delegate) {
    return new LinkCountingStore(delegate);
  }

  private final class LinkCountingStore implements ConversationStore {

    private final ConversationStore delegate;

    LinkCountingStore(ConversationStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean linkTenant(UUID id, String tenantId, Instant at) {
      boolean linked = delegate.linkTenant(id, tenantId, at);
      if (linked) {
        MDC.put("tenant_id", tenantId);
        if (scheduledByReconciliation.remove(id)) {
          linkedByReconciliation.increment();
        } else {
          linkedAfterInbound.increment();
        }
      }
      return linked;
    }

    @Override
    public boolean changeTenant(UUID id, TenantChange change, TenantSource source, Instant at) {
      boolean changed = delegate.changeTenant(id, change, source, at);
      if (changed && change.changesTenant() && change.before() != null) {
        (source == TenantSource.MANUAL ? changedByHand : changedByDirectory).increment();
      }
      if (changed && change.after() != null) {
        MDC.put("tenant_id", change.after());
      }
      return changed;
    }

    @Override
    public void recordTenantCheck(UUID id, TenantCheck check) {
      delegate.recordTenantCheck(id, check);
    }

    @Override
    public List<TenantHistoryEntry> tenantHistory(UUID id) {
      return delegate.tenantHistory(id);
    }

    @Override
    public Optional<Instant> leastRecentTenantCheck() {
      return delegate.leastRecentTenantCheck();
    }

    @Override
    public Conversation upsert(Conversation candidate) {
      return delegate.upsert(candidate);
    }

    @Override
    public Optional<Conversation> findById(UUID id) {
      return delegate.findById(id);
    }

    @Override
    public Optional<Conversation> findByCanonical(String canonical) {
      return delegate.findByCanonical(canonical);
    }

    @Override
    public void updateLanguage(UUID id, LanguageDetection language, Instant at) {
      delegate.updateLanguage(id, language, at);
    }

    @Override
    public boolean setOptedOut(UUID id, boolean optedOut, Instant at) {
      return delegate.setOptedOut(id, optedOut, at);
    }

    @Override
    public void recordActivity(UUID id, Instant at) {
      delegate.recordActivity(id, at);
    }

    @Override
    public ConversationCounts counts() {
      return delegate.counts();
    }

    @Override
    public void setWorkflow(UUID id, String workflowType, String workflowId, Instant at) {
      delegate.setWorkflow(id, workflowType, workflowId, at);
    }

    @Override
    public List<Conversation> findDueForTenantLookup(
        Instant now, Instant lastMessageBefore, int limit) {
      return delegate.findDueForTenantLookup(now, lastMessageBefore, limit);
    }
  }
}
