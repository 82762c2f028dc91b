package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.app.config.AppConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few thousand requests over every endpoint, signed and unsigned, generated from a fixed seed
 * ({@code -Dsms.fuzz.seed}, {@code -Dsms.fuzz.requests} to change it): NUL, bytes that are not
 * UTF-8, broken and odd percent-escapes, huge names and values, wrong types and media types, odd
 * paths, cursors and methods. No answer may be a 5xx; afterwards the database must be consistent
 * (no conversation without messages, no message half-written or left unsent, every accepted webhook
 * stored with its exact bytes) and everything written must read back.
 */
class FuzzEndToEndTest {

  private static final long SEED = Long.getLong("sms.fuzz.seed", 20_261_201L);
  private static final int REQUESTS = Integer.getInteger("sms.fuzz.requests", 4_000);
  private static final int THREADS = 4;
  private static final String METRICS_TOKEN = "fuzz-metrics-token-0123456789";

  private static TestApplication app;
  private static final List<RequestFuzzer.Attempt> attempts =
      Collections.synchronizedList(new ArrayList<>());

  /** The exact body of every signed inbound webhook answered 200, by its (new) SID. */
  private static final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

  private static final List<String> messageIds = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> sids = Collections.synchronizedList(new ArrayList<>());
  private static long elapsedMillis;

  @BeforeAll
  static void fuzz() throws Exception {
    // the fuzzer forges hundreds of signatures from one address; the guard against that has a
    // test of its own (ForgedWebhookEndToEndTest), here every request must reach the handlers
    app =
        TestApplication.start(
            Map.of(
                AppConfig.METRICS_TOKEN,
                METRICS_TOKEN,
                AppConfig.SMS_INVALID_SIGNATURES_PER_MINUTE,
                "0"));
    // a few real outbound messages, so that status callbacks can name them
    for (int i = 0; i < 3; i++) {
      String id =
          json(app.send("+1201555" + (7100 + i), "fuzz seed " + i)).get("message_id").asText();
      messageIds.add(id);
      String sid =
          eventually(() -> json(app.get("/messages/" + id)), m -> !m.get("twilio_sid").isNull())
              .get("twilio_sid")
              .asText();
      sids.add(sid);
    }

    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      RequestFuzzer fuzzer =
          new RequestFuzzer(
              app,
              new Random(SEED + t),
              METRICS_TOKEN,
              List.of(),
              List.of(),
              messageIds,
              sids,
              attempts::add,
              accepted::putIfAbsent);
      int count = REQUESTS / THREADS;
      runs.add(pool.submit(() -> fuzzer.run(count)));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();
    elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    Map<String, Map<Integer, Integer>> byEndpoint = new TreeMap<>();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    synchronized (attempts) {
      for (RequestFuzzer.Attempt attempt : attempts) {
        byEndpoint
            .computeIfAbsent(attempt.endpoint(), k -> new TreeMap<>())
            .merge(attempt.status(), 1, Integer::sum);
        byStatus.merge(attempt.status(), 1, Integer::sum);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "fuzz: seed %d, %d requests in %d ms, statuses %s, %d signed inbound webhooks accepted%n",
        SEED,
        attempts.size(),
        elapsedMillis,
        byStatus,
        accepted.size());
    byEndpoint.forEach(
        (endpoint, statuses) -> System.out.println("fuzz: " + endpoint + " " + statuses));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void no_request_gets_a_server_error() {
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(REQUESTS - THREADS);
    assertThat(attempts)
        .filteredOn(attempt -> attempt.status() >= 500)
        .extracting(attempt -> attempt.endpoint() + ": " + attempt.description())
        .isEmpty();
  }

  @Test
  void every_accepted_inbound_webhook_is_stored_once_with_its_exact_bytes() throws SQLException {
    assertThat(accepted).hasSizeGreaterThan(100);
    int checked = 0;
    try (Connection connection = app.schema().tools().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select count(*) over (), raw_webhook_body from sms_messages where twilio_sid = ?")) {
      for (Map.Entry<String, byte[]> webhook : accepted.entrySet()) {
        query.setString(1, webhook.getKey());
        try (ResultSet row = query.executeQuery()) {
          row.next();
          assertThat(row.getInt(1)).as(webhook.getKey()).isEqualTo(1);
          assertThat(row.getBytes(2)).as(webhook.getKey()).isEqualTo(webhook.getValue());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(accepted.size());
  }

  @Test
  void the_database_is_consistent_afterwards() throws SQLException {
    assertThat(
            count(
                "select count(*) from sms_conversations c where not exists"
                    + " (select 1 from sms_messages m where m.conversation_id = c.id)"))
        .as("conversations without messages")
        .isZero();
    assertThat(
            count(
                "select count(*) from sms_messages where direction = 'inbound'"
                    + " and (raw_webhook_body is null or twilio_sid is null)"))
        .as("inbound messages without their exact body or SID")
        .isZero();
    assertThat(
            count("select count(*) from sms_message_status_events where raw_webhook_body is null"))
        .as("status events without their exact body")
        .isZero();
    assertThat(
            count(
                "select count(*) from sms_messages m where direction = 'outbound'"
                    + " and not exists (select 1 from sms_conversations c"
                    + " where c.id = m.conversation_id and c.phone_number_canonical = m.to_number)"))
        .as("outbound messages in another number's conversation")
        .isZero();
    // every send accepted is handed to Twilio: none stays pending or sending
    assertThat(
            eventually(
                () ->
                    count(
                        "select count(*) from sms_messages"
                            + " where delivery_status in ('pending', 'sending')"),
                pending -> pending == 0))
        .as("sends never handed to Twilio")
        .isZero();
  }

  @Test
  void everything_written_reads_back() throws SQLException {
    List<String> ids = new ArrayList<>();
    List<String> canonicals = new ArrayList<>();
    try (Connection connection = app.schema().tools().getConnection()) {
      try (ResultSet rows =
          connection.createStatement().executeQuery("select id from sms_messages order by id")) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery(
                  "select phone_number_canonical from sms_conversations"
                      + " where phone_number_canonical ~ '^[+]?[A-Za-z0-9]{1,64}$'")) {
        while (rows.next()) {
          canonicals.add(rows.getString(1));
        }
      }
    }
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      assertThat(app.get("/messages/" + id).statusCode()).as("GET /messages/" + id).isEqualTo(200);
    }
    for (String canonical : canonicals) {
      String path = "/conversations/" + TestApplication.encode(canonical) + "?limit=" + 100;
      assertThat(app.get(path).statusCode()).as("GET " + path).isEqualTo(200);
    }
  }

  private static long count(String sql) {
    try (Connection connection = app.schema().tools().getConnection();
        ResultSet row = connection.createStatement().executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
