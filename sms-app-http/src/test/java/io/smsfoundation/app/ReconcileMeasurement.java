package io.smsfoundation.app;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.adapter.monitor.MonitorSettings;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.PostgresAdapters;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresJobQueue;
import io.smsfoundation.adapter.postgres.PostgresSchema;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.memory.InMemorySmsGateway;
import io.smsfoundation.ports.memory.InMemoryWebhookSender;
import io.smsfoundation.ports.memory.PlainEventPayloads;
import io.smsfoundation.ports.service.SmsServices;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Measures how long the reconciliation takes to ask the directory about N unknown conversations
 * (10,000 by default): a scratch schema on a real PostgreSQL, the durable job queue as the service
 * runs it (8 threads), and a fake Collections Monitor over HTTP that knows nobody. Runs back to
 * back (each run schedules a batch, then waits until its jobs are done), so the figure is the work,
 * not the schedule; at the schedule's pace the batches take {@code N / batch} intervals. A
 * measurement for the notes, not a test.
 *
 * <p>Options: {@code --database-url} (default {@code postgres://postgres@127.0.0.1:5432/postgres}),
 * {@code --conversations} (10000), {@code --batch} (500).
 */
public final class ReconcileMeasurement {

  private ReconcileMeasurement() {}

  public static void main(String[] args) throws Exception {
    String url = "postgres://postgres@127.0.0.1:5432/postgres";
    int conversations = 10_000;
    int batch = 500;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--database-url" -> url = args[i + 1];
        case "--conversations" -> conversations = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // every lookup logs a line; that is not what is measured
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);

    DatabaseUrl database = DatabaseUrl.parse(url);
    String schema =
        "sms_measure_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (var admin = PostgresDataSources.create(database, 1, "measure-admin", null)) {
      execute(admin, "create schema " + schema);
      try (var pool = PostgresDataSources.create(database, 10, "measure", schema);
          FakeMonitor monitor = new FakeMonitor();
          MonitorTenantDirectory directory =
              new MonitorTenantDirectory(
                  MonitorSettings.defaults(URI.create(monitor.url())).withToken(FakeMonitor.TOKEN),
                  new SimpleMeterRegistry())) {
        PostgresSchema.migrate(pool, schema);
        run(pool, monitor, directory, conversations, batch);
      } finally {
        execute(admin, "drop schema " + schema + " cascade");
      }
    }
  }

  private static void run(
      DataSource pool,
      FakeMonitor monitor,
      MonitorTenantDirectory directory,
      int conversations,
      int batch)
      throws Exception {
    execute(
        pool,
        "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
            + " phone_number_kind, last_message_at, created_at, updated_at)"
            + " select gen_random_uuid(), n, n, 'e164', t, t, t from generate_series(0, "
            + (conversations - 1)
            + ") i, lateral (select '+1' || (3035550000 + i % 10000 + (i / 10000) * 10000000)"
            + " as n, now() - interval '1 day' as t) x");
    PostgresAdapters postgres = PostgresAdapters.create(pool);
    PostgresJobQueue jobs = postgres.jobQueue(PostgresJobQueue.Settings.defaults());
    SmsServices services =
        SmsServices.create(
            new SmsServices.Ports(
                postgres.unitOfWork(),
                postgres.conversations(),
                postgres.messages(),
                postgres.usage(),
                postgres.tenantNumbers(),
                directory,
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
                Clock.systemUTC()));
    jobs.start(services.jobHandler());
    try {
      long start = System.nanoTime();
      long scheduling = 0;
      int runs = 0;
      long checked = 0;
      while (checked < conversations && runs < 10 * (conversations / batch + 1)) {
        long before = System.nanoTime();
        services.reconcileUnknownConversations().reconcile(batch);
        scheduling += System.nanoTime() - before;
        runs++;
        while (jobs.backlog().waiting() + jobs.backlog().running() > 0) {
          Thread.sleep(20);
        }
        checked =
            count(
                pool, "select count(*) from sms_conversations where tenant_checked_at is not null");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "reconciled %d unknown conversations in %.1f s: %d runs of %d, %.0f conversations/s,"
              + " %.1f ms per run to pick and schedule its batch, %d Monitor requests%n",
          checked,
          seconds,
          runs,
          batch,
          checked / seconds,
          scheduling / 1e6 / runs,
          monitor.lookups().size());
      System.out.printf(
          Locale.ROOT,
          "RESULT conversations=%d seconds=%.1f runs=%d per_second=%.0f schedule_ms=%.1f requests=%d%n",
          checked,
          seconds,
          runs,
          checked / seconds,
          scheduling / 1e6 / runs,
          monitor.lookups().size());
    } finally {
      jobs.stop();
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
