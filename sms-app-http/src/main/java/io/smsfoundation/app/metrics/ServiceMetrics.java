package io.smsfoundation.app.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.smsfoundation.app.health.ScheduledProbe;
import io.smsfoundation.app.http.ExchangeObserver;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.in.RecordCallStatus;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.SubscriptionStore;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.UnitOfWork;
import io.smsfoundation.ports.out.WebhookSender;
import java.time.Clock;
import java.time.Duration;

/**
 * The service's metrics: one Prometheus registry holding the JVM's meters, the database pool's, and
 * the service's own, which the decorators made here count. The composition root wraps the use cases
 * and driven ports with them; {@code GET /metrics} serves {@link #scrape()}. Every name and label
 * is listed in {@code docs/operations.md}. Thread-safe.
 */
public final class ServiceMetrics implements AutoCloseable {

  /** Content type of {@link #scrape()}: the Prometheus text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  static final String HTTP_REQUESTS = "http.server.requests";
  static final String WEBHOOKS = "sms.webhooks";
  static final String DUPLICATES_SKIPPED = "sms.duplicates.skipped";
  static final String SENDS = "sms.sends";
  static final String SEND_DURATION = "sms.send.duration";
  static final String DELIVERY_STATUSES = "sms.delivery.statuses";
  static final String INBOUND_LANGUAGES = "sms.inbound.languages";
  static final String INBOUND_THROTTLED = "sms.inbound.throttled";
  static final String REPLIES = "sms.replies";
  static final String TENANT_LOOKUPS = "sms.tenant.lookups";
  static final String TENANT_LANGUAGE_UPDATES = "sms.tenant.language.updates";
  static final String TENANT_LINKS = "sms.tenant.links";
  static final String TENANT_CHANGES = "sms.tenant.changes";
  static final String RECONCILIATION_OLDEST_UNCHECKED_AGE =
      "sms.reconciliation.oldest.unchecked.age";
  static final String RECONCILIATION_RUNS = "sms.reconciliation.runs";
  static final String RECONCILIATION_SCHEDULED = "sms.reconciliation.scheduled";
  static final String CONVERSATIONS = "sms.conversations";
  static final String JOBS = "sms.jobs";
  static final String JOB_DURATION = "sms.job.duration";
  static final String JOBS_WAITING = "sms.jobs.waiting";
  static final String JOBS_DUE = "sms.jobs.due";
  static final String JOBS_RUNNING = "sms.jobs.running";
  static final String JOBS_OLDEST_DUE_AGE = "sms.jobs.oldest.due.age";
  static final String DB_TRANSACTIONS = "sms.db.transactions";
  static final String DEPENDENCY_UP = "sms.dependency.up";
  static final String DEPENDENCY_CHECK_LATENCY = "sms.dependency.check.latency";
  static final String EVENT_DELIVERIES = "sms.event.deliveries";
  static final String EVENT_DELIVERY_LATENCY = "sms.event.delivery.latency";
  static final String EVENT_DELIVERY_OLDEST_PENDING_AGE = "sms.event.deliveries.oldest.pending.age";
  static final String CALLS = "sms.calls";
  static final String VOICE_TWIML_LATENCY = "sms.voice.twiml.latency";

  /**
   * Histogram buckets of every latency: from a fast query to a slow provider, with a bound at each
   * service-level objective's threshold (300 ms, 500 ms, 2.5 s: docs/operations.md) so that the
   * share of requests within it is exact.
   */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(300),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final InboundCounts inboundCounts;
  private final TenantLinks tenantLinks;

  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    inboundCounts = new InboundCounts(registry);
    tenantLinks = new TenantLinks(registry);
    for (DeliveryStatus status :
        new DeliveryStatus[] {
          DeliveryStatus.QUEUED,
          DeliveryStatus.SENT,
          DeliveryStatus.DELIVERED,
          DeliveryStatus.UNDELIVERED,
          DeliveryStatus.FAILED
        }) {
      // the usual statuses are there from the start, so that rate() sees their first increase
      statusCounter(registry, status);
    }
  }

  /** Where the service's meters go; adapters that count themselves get it too. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** The pool's connection, wait and usage meters ({@code hikaricp_*}). */
  public void trackPool(HikariDataSource pool) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  /** {@code sms.dependency.up} and the latency of the probe's last check. */
  public void trackProbe(ScheduledProbe probe) {
    Gauge.builder(DEPENDENCY_UP, probe, p -> p.result().ok() ? 1 : 0)
        .description("1 while the dependency's last health check succeeded")
        .tag("dependency", probe.name())
        .register(registry);
    Gauge.builder(
            DEPENDENCY_CHECK_LATENCY,
            probe,
            p -> p.result().latency() == null ? Double.NaN : p.result().latency().toNanos() / 1e9)
        .description("How long the dependency's last health check took")
        .tag("dependency", probe.name())
        .baseUnit("seconds")
        .register(registry);
  }

  /** The gauges that need a query; call {@link DatabaseGauges#refresh()} now and then. */
  public DatabaseGauges databaseGauges(
      ConversationStore conversations,
      JobQueue jobQueue,
      SubscriptionStore subscriptions,
      Clock clock) {
    return new DatabaseGauges(conversations, jobQueue, subscriptions, registry, clock);
  }

  public WebhookSender webhookSender(WebhookSender sender) {
    return new MeteredWebhookSender(sender, registry);
  }

  public ExchangeObserver http() {
    return new HttpMetrics(registry);
  }

  public SmsGateway gateway(SmsGateway gateway) {
    return new MeteredSmsGateway(gateway, registry);
  }

  public ConversationStore conversations(ConversationStore conversations) {
    return tenantLinks.store(conversations);
  }

  public JobQueue jobQueue(JobQueue jobQueue) {
    return tenantLinks.jobQueue(jobQueue);
  }

  public UnitOfWork unitOfWork(UnitOfWork unitOfWork) {
    return new MeteredUnitOfWork(unitOfWork, registry);
  }

  /** For a directory that does not count its own lookups (the Monitor client does). */
  public TenantDirectory tenantDirectory(TenantDirectory directory) {
    return new MeteredTenantDirectory(directory, registry);
  }

  public JobHandler jobHandler(JobHandler handler) {
    return new ObservedJobHandler(handler, registry);
  }

  public ReceiveInboundSms receiveInbound(ReceiveInboundSms receiveInbound) {
    return inboundCounts.useCase(receiveInbound);
  }

  public RecordDeliveryStatus recordDeliveryStatus(RecordDeliveryStatus recordDeliveryStatus) {
    return new MeteredRecordDeliveryStatus(recordDeliveryStatus, registry);
  }

  /** Counts calls by dialer and outcome and times their answers. */
  public ReceiveCall receiveCall(ReceiveCall receiveCall) {
    return MeteredVoice.receiveCall(receiveCall, registry);
  }

  /** Counts how calls ended, by dialer. */
  public RecordCallStatus recordCallStatus(RecordCallStatus recordCallStatus) {
    return MeteredVoice.recordCallStatus(recordCallStatus, registry);
  }

  public ReconcileUnknownConversations reconciliation(
      ReconcileUnknownConversations reconciliation) {
    return tenantLinks.reconciliation(reconciliation);
  }

  static void countStatus(MeterRegistry registry, DeliveryStatus status) {
    statusCounter(registry, status).increment();
  }

  private static Counter statusCounter(MeterRegistry registry, DeliveryStatus status) {
    return Counter.builder(DELIVERY_STATUSES)
        .description(
            "Statuses outbound messages moved to: Twilio's first answer, then every status"
                + " callback that moved one forward")
        .tag("status", Labels.status(status))
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
