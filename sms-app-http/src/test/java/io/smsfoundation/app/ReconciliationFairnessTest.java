package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.adapter.monitor.MonitorSettings;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory;
import io.smsfoundation.adapter.postgres.PostgresAdapters;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.memory.InMemorySmsGateway;
import io.smsfoundation.ports.memory.InMemoryWebhookSender;
import io.smsfoundation.ports.memory.PlainEventPayloads;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.service.SmsServices;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation of unknown conversations over a real PostgreSQL and a fake Monitor over HTTP,
 * one cycle after the other on a hand-moved clock: each cycle schedules its batch, its jobs run,
 * then five minutes pass.
 */
class ReconciliationFairnessTest {

  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final int CONVERSATIONS = 2_000;
  private static final int BATCH = 100;
  private static final Duration EVERY = Duration.ofMinutes(5);

  private final PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema();
  private final FakeMonitor monitor = new FakeMonitor();
  private final MonitorTenantDirectory client =
      new MonitorTenantDirectory(
          MonitorSettings.defaults(URI.create(monitor.url()))
              .withToken(FakeMonitor.TOKEN)
              .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)),
          new SimpleMeterRegistry());
  private final HandClock clock = new HandClock(T0.plus(Duration.ofHours(1)));
  private final List<String> checked = new CopyOnWriteArrayList<>();
  private final RunByHand jobs = new RunByHand();
  private final SmsServices services;

  ReconciliationFairnessTest() {
    PostgresAdapters postgres = PostgresAdapters.create(schema.dataSource());
    TenantDirectory recording = new Recording(client, checked);
    services =
        SmsServices.create(
            new SmsServices.Ports(
                postgres.unitOfWork(),
                postgres.conversations(),
                postgres.messages(),
                postgres.usage(),
                postgres.tenantNumbers(),
                recording,
                new InMemorySmsGateway(),
                jobs,
                postgres.events(),
                postgres.subscriptions(),
                new PlainEventPayloads(),
                new InMemoryWebhookSender()),
            new SmsServices.Settings(
                PhoneNumbers.forUnitedStates(),
                new LanguageDetector(),
                Duration.ZERO,
                Duration.ofMinutes(10),
                clock));
    schema.execute(
        "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
            + " phone_number_kind, last_message_at, created_at, updated_at)"
            + " select gen_random_uuid(), n, n, 'e164', t, t, t"
            + " from generate_series(0, "
            + (CONVERSATIONS - 1)
            + ") i, lateral (select '+1303555' || lpad(i::text, 4, '0') as n,"
            + " timestamptz '"
            + T0
            + "' as t) x");
  }

  @AfterEach
  void stop() {
    client.close();
    monitor.close();
    schema.close();
  }

  /** One reconciliation run, its jobs, and the time until the next run. */
  private void cycle() {
    services.reconcileUnknownConversations().reconcile(BATCH);
    jobs.runAll(services.jobHandler());
    clock.advance(EVERY);
  }

  @Test
  void every_unknown_conversation_is_checked_once_before_any_is_checked_twice() {
    int cycles = 0;
    while (new HashSet<>(checked).size() < CONVERSATIONS && cycles < 100) {
      cycle();
      cycles++;
    }

    assertThat(cycles).as("cycles of %d", BATCH).isEqualTo(CONVERSATIONS / BATCH);
    assertThat(checked).hasSize(CONVERSATIONS).doesNotHaveDuplicates();

    // an hour after the first checks, the least recently checked come back first
    for (int i = 0; i < 3; i++) {
      cycle();
    }
    assertThat(checked.subList(CONVERSATIONS, checked.size()))
        .containsExactlyInAnyOrderElementsOf(checked.subList(0, 3 * BATCH));
  }

  /** Jobs as the queue would hold them (one per key), run when the test says. */
  private static final class RunByHand implements JobQueue {
    private final Map<String, Job> waiting = new LinkedHashMap<>();

    @Override
    public synchronized void enqueue(Job job, Duration delay) {
      waiting.putIfAbsent(job.key(), job);
    }

    @Override
    public synchronized JobBacklog backlog() {
      return new JobBacklog(waiting.size(), waiting.size(), 0, Duration.ZERO);
    }

    void runAll(JobHandler handler) {
      List<Job> due;
      synchronized (this) {
        due = new ArrayList<>(waiting.values());
        waiting.clear();
      }
      due.forEach(handler::handle);
    }
  }

  /** Remembers the number of every lookup, in order. */
  private record Recording(TenantDirectory delegate, List<String> numbers)
      implements TenantDirectory {
    @Override
    public TenantLookup lookup(List<String> variants) {
      numbers.add(variants.getFirst());
      return delegate.lookup(variants);
    }

    @Override
    public TenantLookup tenantById(String tenantId) {
      return delegate.tenantById(tenantId);
    }

    @Override
    public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
      return delegate.updateLanguage(tenantId, language);
    }
  }

  private static final class HandClock extends Clock {
    private volatile Instant now;

    HandClock(Instant start) {
      now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
