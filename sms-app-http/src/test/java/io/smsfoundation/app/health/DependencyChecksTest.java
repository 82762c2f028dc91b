package io.smsfoundation.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.health.ScheduledProbe.ProbeFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The checks against real servers: PostgreSQL, the Twilio emulator, a plain HTTP server. */
class DependencyChecksTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static TwilioEmulator twilio;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    twilio = TwilioEmulator.start();
    http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @AfterAll
  static void stop() {
    twilio.close();
    http.close();
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private static String reason(ScheduledProbe.Check check) {
    try {
      check.run();
      return "ok";
    } catch (ProbeFailure failure) {
      return failure.reason();
    } catch (Exception other) {
      return other.getClass().getSimpleName();
    }
  }

  @Test
  void twilio_account_is_read_with_the_right_credentials() {
    ScheduledProbe.Check check =
        DependencyChecks.twilioAccount(
            http, URI.create(twilio.baseUrl()), twilio.accountSid(), twilio.authToken(), TIMEOUT);

    assertThat(reason(check)).isEqualTo("ok");
  }

  @Test
  void twilio_refusing_the_token_is_told_apart_from_an_unreachable_twilio() throws IOException {
    ScheduledProbe.Check wrongToken =
        DependencyChecks.twilioAccount(
            http, URI.create(twilio.baseUrl()), twilio.accountSid(), "not-the-token", TIMEOUT);
    ScheduledProbe.Check unreachable =
        DependencyChecks.twilioAccount(
            http, closedPort(), twilio.accountSid(), twilio.authToken(), TIMEOUT);

    assertThat(reason(wrongToken)).isEqualTo("credentials_rejected");
    assertThat(reason(unreachable)).isEqualTo("unreachable");
  }

  @Test
  void any_http_answer_but_a_server_error_means_reachable() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/down") ? 503 : 404, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();

      assertThat(reason(DependencyChecks.reachable(http, URI.create(base), TIMEOUT)))
          .isEqualTo("ok");
      assertThat(reason(DependencyChecks.reachable(http, URI.create(base + "/down"), TIMEOUT)))
          .isEqualTo("server_error");
      assertThat(reason(DependencyChecks.reachable(http, closedPort(), TIMEOUT)))
          .isEqualTo("unreachable");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void database_check_runs_a_query_on_the_real_server() {
    try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema(false);
        var pool = PostgresDataSources.create(schema.databaseUrl())) {
      assertThatCode(() -> DependencyChecks.database(pool, TIMEOUT).run())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void database_that_cannot_be_reached_is_unavailable() throws IOException {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {closedPort().getPort()});
    nowhere.setConnectTimeout(1);

    assertThatThrownBy(() -> DependencyChecks.database(nowhere, TIMEOUT).run())
        .isInstanceOfSatisfying(
            ProbeFailure.class, failure -> assertThat(failure.reason()).isEqualTo("unavailable"));
  }
}
