package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.JobBacklog;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.SubscriptionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges that need a query, read through the ports: conversations with and without a tenant ({@code
 * sms.conversations}), and the job queue's backlog ({@code sms.jobs.waiting}, {@code sms.jobs.due},
 * {@code sms.jobs.running}, {@code sms.jobs.oldest.due.age}), and how long the unknown conversation
 * checked least recently has waited since its last check ({@code
 * sms.reconciliation.oldest.unchecked.age}). {@link #refresh()} runs the two queries in the
 * background now and then; a scrape only reads the values kept (NaN until the first refresh).
 * Thread-safe.
 */
public final class DatabaseGauges {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);
  private final ConversationStore conversations;
  private final JobQueue jobQueue;
  private final SubscriptionStore subscriptions;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile double known = Double.NaN;
  private volatile double unknown = Double.NaN;
  private volatile double waiting = Double.NaN;
  private volatile double due = Double.NaN;
  private volatile double running = Double.NaN;
  private volatile double oldestDueSeconds = Double.NaN;
  private volatile double oldestUncheckedSeconds = Double.NaN;
  private final Clock clock;

  private volatile double oldestPendingDeliverySeconds = Double.NaN;

  DatabaseGauges(
      ConversationStore conversations,
      JobQueue jobQueue,
      SubscriptionStore subscriptions,
      MeterRegistry registry,
      Clock clock) {
    this.conversations = conversations;
    this.subscriptions = subscriptions;
    this.jobQueue = jobQueue;
    this.clock = clock;
    Gauge.builder(
            ServiceMetrics.RECONCILIATION_OLDEST_UNCHECKED_AGE, this, g -> g.oldestUncheckedSeconds)
        .description(
            "Since when the conversation without a tenant asked about least recently was last"
                + " checked (its creation if never); 0 when every conversation has a tenant")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(ServiceMetrics.CONVERSATIONS, this, g -> g.known)
        .description("Conversations, by whether their tenant is known (refreshed every minute)")
        .tag("tenant", "known")
        .register(registry);
    Gauge.builder(ServiceMetrics.CONVERSATIONS, this, g -> g.unknown)
        .description("Conversations, by whether their tenant is known (refreshed every minute)")
        .tag("tenant", "unknown")
        .register(registry);
    Gauge.builder(ServiceMetrics.JOBS_WAITING, this, g -> g.waiting)
        .description("Background jobs not running, due or not (retries included)")
        .register(registry);
    Gauge.builder(ServiceMetrics.JOBS_DUE, this, g -> g.due)
        .description("Background jobs whose time has come and that no instance runs yet")
        .register(registry);
    Gauge.builder(ServiceMetrics.JOBS_RUNNING, this, g -> g.running)
        .description("Background jobs some instance is running")
        .register(registry);
    Gauge.builder(ServiceMetrics.JOBS_OLDEST_DUE_AGE, this, g -> g.oldestDueSeconds)
        .description("How long the oldest due job has waited; 0 when none is due")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder(
            ServiceMetrics.EVENT_DELIVERY_OLDEST_PENDING_AGE,
            this,
            g -> g.oldestPendingDeliverySeconds)
        .description("How long the oldest webhook delivery not yet delivered has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Runs the queries, unless a refresh is already running; failures keep the old values. */
  public void refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      ConversationCounts counts = conversations.counts();
      known = counts.withTenant();
      unknown = counts.withoutTenant();
      JobBacklog backlog = jobQueue.backlog();
      waiting = backlog.waiting();
      due = backlog.due();
      running = backlog.running();
      oldestDueSeconds = backlog.oldestDueAge().toMillis() / 1000.0;
      oldestPendingDeliverySeconds =
          subscriptions
              .oldestPending()
              .map(
                  created ->
                      Math.max(0, Duration.between(created, clock.instant()).toMillis()) / 1000.0)
              .orElse(0.0);
      Optional<Instant> leastRecent = conversations.leastRecentTenantCheck();
      oldestUncheckedSeconds =
          leastRecent
                  .map(at -> Math.max(0, Duration.between(at, clock.instant()).toMillis()))
                  .orElse(0L)
              / 1000.0;
    } catch (RuntimeException e) {
      LOG.debug("metrics queries failed; the gauges keep their values", e);
    } finally {
      refreshing.set(false);
    }
  }
}
