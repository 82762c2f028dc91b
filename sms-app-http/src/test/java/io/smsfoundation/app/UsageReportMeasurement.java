package io.smsfoundation.app;

import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.PostgresAdapters;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresSchema;
import io.smsfoundation.adapter.postgres.PostgresUsageLedger;
import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Measures the usage report on a month of messages (1,000,000 by default, November 2026) in a
 * scratch schema on a real PostgreSQL: 20,000 conversations, 500 tenants, four workflow types, 60%
 * outbound, bodies and raw webhook forms of realistic width. After {@code VACUUM ANALYZE} it prints
 * the plan of the report by tenant and by day, then times every grouping through {@link
 * PostgresUsageLedger} (one warm-up, then {@code --runs} runs). A measurement for the notes, not a
 * test.
 *
 * <p>Options: {@code --database-url} (default {@code postgres://postgres@127.0.0.1:5432/postgres}),
 * {@code --messages} (1000000), {@code --history} (1000000: the month before), {@code --runs} (5),
 * {@code --keep} (false: {@code true} keeps the scratch schema to look at it), {@code --schema}
 * (measure again on a schema an earlier run kept, without filling one).
 */
public final class UsageReportMeasurement {

  private static final LocalDate FROM = LocalDate.parse("2026-11-01");
  private static final LocalDate TO = LocalDate.parse("2026-12-01");

  private UsageReportMeasurement() {}

  public static void main(String[] args) throws Exception {
    String url = "postgres://postgres@127.0.0.1:5432/postgres";
    int messages = 1_000_000;
    int runs = 5;
    int history = 1_000_000;
    boolean keep = false;
    String reuse = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--database-url" -> url = args[i + 1];
        case "--messages" -> messages = Integer.parseInt(args[i + 1]);
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--history" -> history = Integer.parseInt(args[i + 1]);
        case "--keep" -> keep = Boolean.parseBoolean(args[i + 1]);
        case "--schema" -> reuse = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    DatabaseUrl database = DatabaseUrl.parse(url);
    if (reuse != null) {
      try (var pool = PostgresDataSources.create(database, 2, "measure", reuse);
          Connection direct = unlimited(database, reuse)) {
        run(pool, direct, runs);
      }
      return;
    }
    String schema =
        "sms_measure_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection admin = unlimited(database, "public")) {
      execute(admin, "create schema " + schema);
      try (var pool = PostgresDataSources.create(database, 2, "measure", schema);
          Connection direct = unlimited(database, schema)) {
        PostgresSchema.migrate(pool, schema);
        fill(direct, messages, history);
        run(pool, direct, runs);
      } finally {
        if (keep) {
          System.out.println("kept schema " + schema);
        } else {
          execute(admin, "drop schema " + schema + " cascade");
        }
      }
    }
  }

  /** A connection without the service's statement limits, for filling and for EXPLAIN. */
  private static Connection unlimited(DatabaseUrl database, String schema) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", database.user());
    if (database.password() != null) {
      credentials.setProperty("password", database.password());
    }
    Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials);
    try (Statement s = connection.createStatement()) {
      s.execute("set search_path to " + schema);
    }
    return connection;
  }

  /**
   * Inserts {@code count} messages spread evenly over the 30 days from {@code month}, in time order
   * as the service writes them; {@code first} numbers them apart from other months'.
   */
  private static void insertMonth(Connection pool, String month, int count, int first)
      throws SQLException {
    execute(
        pool,
        "insert into sms_messages (id, conversation_id, direction, twilio_sid, from_number,"
            + " to_number, message_content, num_segments, encoding, processing_ms, price,"
            + " price_unit, delivery_status, raw_webhook_data, created_at, updated_at)"
            + " select gen_random_uuid(), c.id, d.direction,"
            + " 'SM' || md5(i::text), '+13035550000', '+15005550006',"
            + " 'Hi, this is a reminder that the rent for unit ' || i % 900 || ' is due on the"
            + " 1st. Reply HELP for help.', 1 + i % 3, 'GSM-7', 5 + (i::bigint * 7919) % 495,"
            + " case when d.status = 'delivered' or d.status = 'undelivered'"
            + " then -0.0079 * (1 + i % 3) end,"
            + " case when d.status = 'delivered' or d.status = 'undelivered' then 'USD' end,"
            + " d.status,"
            + " case when d.direction = 'inbound' then jsonb_build_object('MessageSid',"
            + " 'SM' || md5(i::text), 'From', '+13035550000', 'To', '+15005550006', 'Body',"
            + " 'ok thanks, I will pay on friday', 'NumMedia', '0', 'NumSegments', '1',"
            + " 'SmsStatus', 'received', 'ApiVersion', '2010-04-01', 'FromCity', 'DENVER',"
            + " 'FromState', 'CO', 'FromZip', '80202', 'FromCountry', 'US') else '{}' end,"
            + " t.at, t.at"
            + " from generate_series("
            + first
            + ", "
            + (first + count - 1)
            + ") i"
            + " join numbered c on c.n = i % 20000,"
            + " lateral (select timestamptz '"
            + month
            + "' + (interval '30 days' * (i - "
            + first
            + ") / "
            + count
            + ") as at) t,"
            + " lateral (select case when i % 5 < 2 then 'inbound' else 'outbound' end"
            + " as direction) d0,"
            + " lateral (select d0.direction, case when d0.direction = 'inbound' then 'received'"
            + " when i % 100 < 3 then 'undelivered' when i % 100 < 5 then 'failed'"
            + " else 'delivered' end as status) d");
  }

  private static void fill(Connection pool, int messages, int history) throws SQLException {
    long start = System.nanoTime();
    execute(
        pool,
        "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
            + " phone_number_kind, tenant_id, workflow_type, workflow_id, last_message_at,"
            + " created_at, updated_at)"
            + " select gen_random_uuid(), '+1303555' || lpad(i::text, 5, '0'),"
            + " '+1303555' || lpad(i::text, 5, '0'), 'e164',"
            + " case when i % 5 = 0 then null else 't-' || (i % 500) end,"
            + " (array['collections', 'maintenance', 'leasing', null])[1 + i % 4], 'w-' || i,"
            + " timestamptz '2026-11-30', timestamptz '2026-10-01', timestamptz '2026-10-01'"
            + " from generate_series(0, 19999) i");
    execute(
        pool,
        "create table numbered as"
            + " select (row_number() over (order by id)) - 1 as n, id from sms_conversations");
    // the month before, as a table that keeps everything holds it: the report must not read it
    insertMonth(pool, "2026-10-01", history, messages);
    insertMonth(pool, "2026-11-01", messages, 0);
    execute(pool, "vacuum analyze sms_messages");
    execute(pool, "vacuum analyze sms_conversations");
    System.out.printf(
        Locale.ROOT,
        "filled %d messages in the month and %d in the month before in %.1f s; table %s,"
            + " usage index %s%n",
        messages,
        history,
        (System.nanoTime() - start) / 1e9,
        text(pool, "select pg_size_pretty(pg_table_size('sms_messages'))"),
        text(pool, "select pg_size_pretty(pg_relation_size('sms_messages_usage_idx'))"));
  }

  private static void run(DataSource pool, Connection direct, int runs) throws SQLException {
    // the settings the ledger gives its report's transaction
    execute(direct, "set work_mem = '16MB'");
    execute(direct, "set jit = off");
    for (UsageGrouping grouping : List.of(UsageGrouping.TENANT, UsageGrouping.DAY)) {
      System.out.println("EXPLAIN (ANALYZE, BUFFERS) group_by=" + grouping.code());
      String sql =
          PostgresUsageLedger.reportSql(grouping)
              .replace(":from", "timestamp '" + FROM + " 00:00:00'")
              .replace(":to", "timestamp '" + TO + " 00:00:00'");
      try (Statement s = direct.createStatement();
          ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
        while (rs.next()) {
          System.out.println("  " + rs.getString(1));
        }
      }
    }
    PostgresUsageLedger ledger = PostgresAdapters.create(pool).usage();
    UsagePeriod month = new UsagePeriod(FROM, TO);
    for (UsageGrouping grouping : UsageGrouping.values()) {
      List<UsageRow> rows = ledger.report(month, grouping);
      long total = rows.stream().mapToLong(UsageRow::messages).sum();
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        ledger.report(month, grouping);
        millis.add((System.nanoTime() - start) / 1e6);
      }
      Collections.sort(millis);
      System.out.printf(
          Locale.ROOT,
          "RESULT group_by=%s rows=%d messages=%d median_ms=%.0f min_ms=%.0f max_ms=%.0f%n",
          grouping.code(),
          rows.size(),
          total,
          millis.get(millis.size() / 2),
          millis.getFirst(),
          millis.getLast());
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
