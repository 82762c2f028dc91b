package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on real PostgreSQL reached through a proxy the test controls: a database outage is
 * answered with 503 (never a 200 for an unstored message) and healed without a restart; a network
 * path that freezes without ever delivering a close costs 503s within seconds and heals within
 * seconds of its return; a restart keeps every message.
 */
class DatabaseOutageEndToEndTest {

  private static PostgresTestDatabase.Schema schema;
  private static TcpProxy proxy;
  private static TestApplication app;

  @BeforeAll
  static void start() {
    // an empty schema: the service migrates it itself, as on a first deployment
    schema = PostgresTestDatabase.createSchema(false);
    proxy = TestDatabases.proxyFor(schema);
    app =
        TestApplication.start(
            Map.of(AppConfig.DATABASE_URL, TestDatabases.urlThrough(schema, proxy)));
  }

  @AfterAll
  static void stop() {
    try {
      app.close();
    } finally {
      proxy.close();
      schema.close();
    }
  }

  private static HttpResponse<String> health() {
    return app.call("GET", "/health", null, Map.of());
  }

  @Test
  void database_outage_is_a_503_and_recovery_needs_no_restart() {
    String phone = "+12015556001";
    assertThat(app.inbound(phone, "before the outage").statusCode()).isEqualTo(200);
    Map<String, String> duringOutage = inboundForm(newSid(), phone, "during the outage");

    proxy.cut();
    try {
      HttpResponse<String> refused = app.webhook("/webhook/twilio/sms", duringOutage);
      assertError(refused, 503, "sms.unavailable");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> unhealthy = eventually(() -> health(), r -> r.statusCode() == 503);
      assertThat(unhealthy.statusCode()).isEqualTo(503);
      assertThat(json(unhealthy).get("ok").asBoolean()).isFalse();
      assertThat(json(unhealthy).at("/checks/database/status").asText()).isEqualTo("down");
      assertThat(app.call("GET", "/health/ready", null, Map.of()).statusCode()).isEqualTo(503);
      assertThat(app.call("GET", "/health/live", null, Map.of()).statusCode()).isEqualTo(200);
      assertError(app.send(phone, "while down"), 503, "sms.unavailable");
    } finally {
      proxy.restore();
    }

    assertThat(eventually(() -> health(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertThat(app.call("GET", "/health/ready", null, Map.of()).statusCode()).isEqualTo(200);
    // Twilio retries the webhook that got the 503: now it is stored, once
    assertThat(app.webhook("/webhook/twilio/sms", duringOutage).statusCode()).isEqualTo(200);
    assertThat(app.webhook("/webhook/twilio/sms", duringOutage).statusCode()).isEqualTo(200);
    JsonNode page = json(app.get("/conversations/" + encode(phone)));
    assertThat(page.get("messages"))
        .extracting(m -> m.get("content").asText())
        .containsExactly("during the outage", "before the outage");
  }

  @Test
  void restart_keeps_the_data() {
    String phone = "+12015556002";
    Map<String, String> form = inboundForm(newSid(), phone, "Olá, tudo bem? Obrigado");
    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);
    String sentId = json(app.send(phone, "Bom dia!")).get("message_id").asText();
    eventually(
        () -> json(app.get("/messages/" + sentId)),
        m -> m.get("delivery_status").asText().equals("delivered"));

    app.restart();

    JsonNode page = json(app.get("/conversations/" + encode(phone)));
    assertThat(page.at("/conversation/language").asText()).isEqualTo("pt");
    assertThat(page.get("messages")).hasSize(2);
    JsonNode sent = json(app.get("/messages/" + sentId));
    assertThat(sent.get("delivery_status").asText()).isEqualTo("delivered");
    assertThat(sent.get("status_history")).hasSizeGreaterThanOrEqualTo(2);
    // the same webhook after the restart is still a duplicate
    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);
    assertThat(json(app.get("/conversations/" + encode(phone))).get("messages")).hasSize(2);
  }

  /** One webhook of the load: which number, when it was sent and answered, and the status. */
  private record Sample(String phone, long startNanos, long endNanos, int status) {

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  /**
   * The network to the database freezes for 35 s: every open connection goes silent and no close
   * ever reaches either end (the app host's NAT state vanished). Another instance that vanished
   * this way held a conversation's row lock in an open transaction. Webhooks must answer 503 within
   * 3 s during the cut, and 200 again, for every number, within 10 s after it.
   */
  @Test
  void a_frozen_network_is_a_quick_503_and_heals_within_seconds_of_its_return() throws Exception {
    List<String> phones = List.of("+12015556101", "+12015556102", "+12015556103");
    for (String phone : phones) {
      assertThat(app.inbound(phone, "before the freeze").statusCode()).isEqualTo(200);
    }
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      load.add(
          Thread.ofPlatform()
              .name("webhook-load-" + t)
              .start(
                  () -> {
                    for (int i = offset; running.get(); i++) {
                      String phone = phones.get(i % phones.size());
                      long start = System.nanoTime();
                      int status;
                      try {
                        status = app.inbound(phone, "during the test").statusCode();
                      } catch (RuntimeException failed) {
                        status = -1;
                      }
                      samples.add(new Sample(phone, start, System.nanoTime(), status));
                      sleep(Duration.ofMillis(50));
                    }
                  }));
    }

    // another instance, in a transaction holding the first number's conversation row lock
    long frozenAt;
    try (HikariDataSource vanished =
        PostgresDataSources.create(
            DatabaseUrl.parse(TestDatabases.urlThrough(schema, proxy)), 1, "vanished", null)) {
      Connection holder = vanished.getConnection();
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "select id from sms_conversations where phone_number_canonical = ? for update")) {
        lock.setString(1, phones.getFirst());
        lock.executeQuery().close();
      }
      sleep(Duration.ofSeconds(2));

      proxy.freeze();
      frozenAt = System.nanoTime();
      try {
        holder.close();
      } catch (SQLException lost) {
        // the rollback of the close never arrives either: the instance vanished
      }
    }
    sleep(Duration.ofSeconds(35));
    proxy.thaw();
    long thawedAt = System.nanoTime();
    sleep(Duration.ofSeconds(15));
    running.set(false);
    for (Thread thread : load) {
      thread.join();
    }

    List<Sample> duringCut =
        samples.stream()
            .filter(x -> x.startNanos() >= frozenAt && x.endNanos() <= thawedAt)
            .toList();
    List<Sample> afterReturn = samples.stream().filter(x -> x.startNanos() >= thawedAt).toList();
    long recoveredAt = thawedAt;
    for (Sample sample : afterReturn) {
      if (sample.status() != 200) {
        recoveredAt = Math.max(recoveredAt, sample.endNanos());
      }
    }
    long recovered = recoveredAt;
    double slowestInCut = duringCut.stream().mapToDouble(Sample::seconds).max().orElse(0);
    double[] cutSeconds = duringCut.stream().mapToDouble(Sample::seconds).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "frozen database: %d webhooks during the 35 s cut, statuses %s, median %.2f s, slowest %.2f s;"
            + " after the return: %d webhooks, statuses %s, all 200 from %.2f s after it%n",
        duringCut.size(),
        statuses(duringCut),
        cutSeconds.length == 0 ? 0 : cutSeconds[cutSeconds.length / 2],
        slowestInCut,
        afterReturn.size(),
        statuses(afterReturn),
        (recovered - thawedAt) / 1e9);

    assertThat(duringCut).hasSizeGreaterThan(20);
    assertThat(duringCut).allSatisfy(x -> assertThat(x.status()).isEqualTo(503));
    assertThat(slowestInCut).as("slowest 503 during the cut, in seconds").isLessThan(3.0);
    assertThat((recovered - thawedAt) / 1e9)
        .as("seconds after the network returned until every webhook got 200")
        .isLessThan(10.0);
    for (String phone : phones) {
      assertThat(afterReturn)
          .as("webhooks from " + phone + " once healed")
          .anySatisfy(
              x -> {
                assertThat(x.phone()).isEqualTo(phone);
                assertThat(x.startNanos()).isGreaterThan(recovered);
                assertThat(x.status()).isEqualTo(200);
              });
    }
    assertThat(samples).noneSatisfy(x -> assertThat(x.status()).isIn(-1, 500));
  }

  private static Map<Integer, Long> statuses(List<Sample> samples) {
    return samples.stream()
        .collect(Collectors.groupingBy(Sample::status, TreeMap::new, Collectors.counting()));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
