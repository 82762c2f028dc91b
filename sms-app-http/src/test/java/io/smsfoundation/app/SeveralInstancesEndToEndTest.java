package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.emulator.EmulatedMessage;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two full service instances, each with its own HTTP port and job scheduler, on one database and
 * one Twilio emulator: what must hold across instances holds across these two.
 */
class SeveralInstancesEndToEndTest {

  private static TwilioEmulator twilio;
  private static PostgresTestDatabase.Schema schema;
  private static TestApplication one;
  private static TestApplication two;

  @BeforeAll
  static void start() {
    twilio =
        TwilioEmulator.builder()
            .authToken(TestApplication.AUTH_TOKEN)
            .slowAnswerDelay(Duration.ofSeconds(4))
            .start();
    schema = PostgresTestDatabase.createSchema(false);
    Map<String, String> env = sharedEnvironment(schema, twilio);
    one = TestApplication.start(env);
    two = TestApplication.start(env);
  }

  @AfterAll
  static void stop() {
    try {
      one.close();
      two.close();
    } finally {
      schema.close();
      twilio.close();
    }
  }

  /** One database and one emulator for every instance that gets it. */
  static Map<String, String> sharedEnvironment(
      PostgresTestDatabase.Schema schema, TwilioEmulator twilio) {
    return Map.of(
        AppConfig.DATABASE_URL, TestDatabases.urlOf(schema),
        AppConfig.DB_POOL_SIZE, "8",
        AppConfig.TWILIO_API_BASE_URL, twilio.baseUrl(),
        AppConfig.TWILIO_ACCOUNT_SID, twilio.accountSid(),
        AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN);
  }

  @Test
  void duplicate_webhooks_split_over_both_instances_store_one_message() throws Exception {
    String sid = TestApplication.newSid();
    Map<String, String> form = TestApplication.inboundForm(sid, "+12015556001", "same webhook");

    List<HttpResponse<String>> answers =
        atOnce(48, i -> (i % 2 == 0 ? one : two).webhook("/webhook/twilio/sms", form));

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(count("select count(*) from sms_messages where twilio_sid = ?", sid)).isEqualTo(1);
  }

  @Test
  void sends_split_over_both_instances_are_each_sent_once() throws Exception {
    String run = Long.toHexString(System.nanoTime());

    // as a client with 16 connections would send them; a hundred at once runs instances with 8
    // database connections each out of them, which they answer with 503
    List<HttpResponse<String>> answers =
        inParallel(
            200,
            16,
            i -> (i % 2 == 0 ? one : two).send("+1201555" + (7000 + i), "send " + run + " " + i));

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
    List<EmulatedMessage> sent =
        eventually(
            () -> sentWith("send " + run + " "),
            messages -> messages.size() >= 200 && allSettled("send " + run + " "));
    Map<String, Long> timesEachBody =
        sent.stream().collect(Collectors.groupingBy(EmulatedMessage::body, Collectors.counting()));
    assertThat(timesEachBody).hasSize(200);
    assertThat(timesEachBody.values()).containsOnly(1L);
  }

  @Test
  void one_idempotency_key_posted_to_both_instances_at_once_makes_one_message() throws Exception {
    String run = Long.toHexString(System.nanoTime());
    for (int round = 0; round < 5; round++) {
      String key = "both-" + run + "-" + round;
      String body = "idempotent " + run + " " + round;

      List<HttpResponse<String>> answers =
          atOnce(2, i -> (i == 0 ? one : two).send("+12015558000", body, "Idempotency-Key", key));

      assertThat(answers)
          .allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409));
      assertThat(count("select count(*) from sms_messages where idempotency_key = ?", key))
          .isEqualTo(1);
      String messageId =
          answers.stream()
              .filter(answer -> answer.statusCode() == 202)
              .findFirst()
              .map(answer -> json(answer).get("message_id").asText())
              .orElseThrow();
      for (TestApplication instance : List.of(one, two)) {
        HttpResponse<String> replay =
            eventually(
                () -> instance.send("+12015558000", body, "Idempotency-Key", key),
                answer -> answer.statusCode() == 202);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(replay).get("message_id").asText()).isEqualTo(messageId);
      }
      assertThat(eventually(() -> sentWith(body), sent -> !sent.isEmpty())).hasSize(1);
    }
  }

  @Test
  void a_key_in_flight_on_one_instance_is_409_on_the_other() throws Exception {
    String key = "in-flight-" + System.nanoTime();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // the emulator answers this number after 4 s: the first request waits for it with its key
      Future<HttpResponse<String>> first =
          pool.submit(() -> one.send(TwilioEmulator.SLOW_ANSWER, "slow", "Idempotency-Key", key));
      eventually(
          () -> count("select count(*) from sms_messages where idempotency_key = ?", key),
          rows -> rows == 1);

      HttpResponse<String> second =
          two.send(TwilioEmulator.SLOW_ANSWER, "slow", "Idempotency-Key", key);

      TestApplication.assertError(second, 409, "sms.idempotency_in_flight");
      assertThat(first.get().statusCode()).isEqualTo(202);
      HttpResponse<String> after =
          two.send(TwilioEmulator.SLOW_ANSWER, "slow", "Idempotency-Key", key);
      assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
      assertThat(after.headers().firstValue("Idempotent-Replayed")).contains("true");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_send_rate_holds_across_both_instances() throws Exception {
    PostgresTestDatabase.Schema limited = PostgresTestDatabase.createSchema(false);
    Map<String, String> env = new java.util.HashMap<>(sharedEnvironment(limited, twilio));
    env.put(AppConfig.SMS_SEND_RATE_PER_MINUTE, "20");
    try (limited;
        TestApplication first = TestApplication.start(env);
        TestApplication second = TestApplication.start(env)) {
      String run = Long.toHexString(System.nanoTime());

      long started = System.nanoTime();
      List<HttpResponse<String>> answers =
          atOnce(
              60,
              i ->
                  (i % 2 == 0 ? first : second)
                      .send("+1201555" + (9000 + i), "limited " + run + " " + i));
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

      Map<Integer, Long> byStatus =
          answers.stream()
              .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
      System.out.printf(
          "60 sends at once over two instances, 20/min: %s in %d s%n", byStatus, seconds);
      // 503: a burst beyond the pools on a busy machine; whether it took a token or not, it is
      // no send
      assertThat(byStatus.keySet()).isSubsetOf(202, 429, 503);
      long accepted = byStatus.getOrDefault(202, 0L);
      long unavailable = byStatus.getOrDefault(503, 0L);
      // the bucket refills one token every 3 s: a slow machine may let one more through per 3 s
      assertThat(accepted).isBetween(20 - unavailable, 20 + seconds / 3);
      assertThat(byStatus.getOrDefault(429, 0L))
          .isGreaterThanOrEqualTo(40 - seconds / 3 - unavailable);
    }
  }

  /** Runs {@code calls} requests at once (released together), answers in request order. */
  private static <T> List<T> atOnce(int calls, Function<Integer, T> call) throws Exception {
    return inParallel(calls, calls, call);
  }

  /** Runs {@code calls} requests, {@code parallel} at a time, answers in request order. */
  private static <T> List<T> inParallel(int calls, int parallel, Function<Integer, T> call)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        Callable<T> task =
            () -> {
              go.await();
              return call.apply(index);
            };
        futures.add(pool.submit(task));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  private static List<EmulatedMessage> sentWith(String bodyPrefix) {
    return twilio.createdMessages().stream().filter(m -> m.body().startsWith(bodyPrefix)).toList();
  }

  /** Whether no message of the run is waiting for its send job any more. */
  private static boolean allSettled(String bodyPrefix) {
    return count(
            "select count(*) from sms_messages where message_content like ? and twilio_sid is null",
            bodyPrefix + "%")
        == 0;
  }

  private static long count(String sql, String parameter) {
    try (Connection connection = schema.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
