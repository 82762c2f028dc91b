package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.postgres.EmbeddedPostgresServer;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import io.smsfoundation.app.config.AppConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in a JVM of its own, killed with SIGKILL while 8 threads post signed inbound
 * webhooks, three times, then started again: every webhook that was answered 200 is stored, exactly
 * once. On an external database, and on the embedded PostgreSQL of the default mode, whose server
 * is killed with the service (as when a container or a machine goes down).
 */
class KillNineEndToEndTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 3;
  private static final Duration LOAD_FOR = Duration.ofMillis(2_000);
  private static final int MIN_ACKNOWLEDGED = 20;
  private static final Duration START_WAIT = Duration.ofSeconds(120);

  @TempDir Path temp;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void acknowledged_webhooks_survive_kill_9_on_an_external_database() throws Exception {
    try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema(false)) {
      Map<String, String> env = environment();
      env.put(AppConfig.DATABASE_URL, TestDatabases.urlOf(schema));

      Set<String> acknowledged = killRepeatedly(env, null);

      assertAllStoredOnce(schema.dataSource(), acknowledged, "external database");
    }
  }

  @Test
  void acknowledged_webhooks_survive_kill_9_of_the_service_and_its_embedded_database()
      throws Exception {
    Map<String, String> env = environment();
    Path cluster = Path.of(env.get(AppConfig.SMS_DATA_DIR)).resolve("postgres");

    Set<String> acknowledged = killRepeatedly(env, cluster);

    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster.getParent(), 0);
        var pool = PostgresDataSources.create(server.databaseUrl())) {
      assertAllStoredOnce(pool, acknowledged, "embedded PostgreSQL");
    }
  }

  /**
   * Starts the service, loads it and kills it {@link #ROUNDS} times, then starts it once more and
   * stops it cleanly.
   *
   * @param embeddedCluster the embedded server's directory, whose postmaster is killed too
   * @return the SIDs of every webhook answered 200
   */
  private Set<String> killRepeatedly(Map<String, String> env, Path embeddedCluster)
      throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    for (int round = 1; round <= ROUNDS; round++) {
      Service service = Service.start(env, temp.resolve("service-" + round + ".log"));
      awaitReady(service);
      int before = acknowledged.size();
      AtomicBoolean killed = new AtomicBoolean();
      Map<Integer, Integer> refused = new ConcurrentHashMap<>();
      ExecutorService load = Executors.newFixedThreadPool(THREADS);
      for (int thread = 0; thread < THREADS; thread++) {
        String from = "+1201555" + (6100 + thread);
        load.execute(() -> postUntilKilled(service, from, killed, acknowledged, refused));
      }
      // a cold JVM on a busy machine may take seconds for its first answers: kill it only once it
      // has acknowledged some, while the threads keep posting
      long loadUntil = System.nanoTime() + LOAD_FOR.toNanos();
      long giveUpAt = System.nanoTime() + START_WAIT.toNanos();
      while ((System.nanoTime() < loadUntil || acknowledged.size() - before < MIN_ACKNOWLEDGED)
          && System.nanoTime() < giveUpAt) {
        Thread.sleep(20);
      }
      if (embeddedCluster != null) {
        killPostmaster(embeddedCluster);
      }
      service.process().destroyForcibly();
      killed.set(true);
      service.process().waitFor(30, TimeUnit.SECONDS);
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      System.out.printf(
          "kill -9 round %d (%s): %d webhooks acknowledged%n",
          round, embeddedCluster == null ? "external" : "embedded", acknowledged.size() - before);
      assertThat(acknowledged.size())
          .as("answers other than 200: %s\n%s", refused, service.logTail())
          .isGreaterThan(before);
    }
    Service last = Service.start(env, temp.resolve("service-last.log"));
    awaitReady(last);
    last.process().destroy();
    assertThat(last.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    return acknowledged;
  }

  private void postUntilKilled(
      Service service,
      String from,
      AtomicBoolean killed,
      Set<String> acknowledged,
      Map<Integer, Integer> refused) {
    while (!killed.get()) {
      String sid = TestApplication.newSid();
      Map<String, String> form = TestApplication.inboundForm(sid, from, "kill test");
      String url = service.baseUrl() + "/webhook/twilio/sms";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header(
                  "X-Twilio-Signature",
                  TwilioSignatures.signSingleValued(TestApplication.AUTH_TOKEN, url, form))
              .POST(BodyPublishers.ofString(TestApplication.formBody(form)))
              .build();
      try {
        HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          acknowledged.add(sid);
        } else {
          refused.merge(response.statusCode(), 1, Integer::sum);
        }
      } catch (IOException lost) {
        // the service died under this request: it was never acknowledged
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void assertAllStoredOnce(DataSource database, Set<String> acknowledged, String where)
      throws Exception {
    Map<String, Integer> stored = new HashMap<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select twilio_sid, count(*) from sms_messages where direction = 'inbound'"
                    + " group by twilio_sid")) {
      while (rs.next()) {
        stored.put(rs.getString(1), rs.getInt(2));
      }
    }
    List<String> missing = acknowledged.stream().filter(sid -> !stored.containsKey(sid)).toList();
    long duplicated = stored.values().stream().filter(count -> count > 1).count();
    System.out.printf(
        "kill -9 x%d (%s): acknowledged %d, stored %d of them, stored in all %d, duplicated %d%n",
        ROUNDS,
        where,
        acknowledged.size(),
        acknowledged.size() - missing.size(),
        stored.size(),
        duplicated);
    assertThat(missing).as("acknowledged but not stored").isEmpty();
    assertThat(duplicated).isZero();
  }

  /** Kills the embedded server's postmaster and its backends, leaving its postmaster.pid. */
  private static void killPostmaster(Path cluster) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : all) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  private void awaitReady(Service service) throws Exception {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(service.process().isAlive()).as(service.logTail()).isTrue();
      try {
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the service did not become ready\n" + service.logTail());
  }

  /** The service's environment: local mode, a fixed port and auth token, a data directory. */
  private Map<String, String> environment() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>();
    env.put(AppConfig.SMS_MODE, "local");
    env.put(AppConfig.PORT, Integer.toString(port));
    env.put(AppConfig.PUBLIC_BASE_URL, "http://localhost:" + port);
    env.put(AppConfig.SMS_API_KEYS, TestApplication.API_KEY);
    env.put(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN);
    env.put(AppConfig.LOG_FORMAT, "text");
    env.put(AppConfig.DB_POOL_SIZE, "8");
    env.put(AppConfig.SMS_DATA_DIR, Files.createDirectories(temp.resolve("data")).toString());
    return env;
  }

  /** The service as {@code java ... io.smsfoundation.app.Main} on this test's class path. */
  private record Service(Process process, String baseUrl, Path log) {

    static Service start(Map<String, String> env, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx384m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> childEnv = builder.environment();
      childEnv.keySet().removeIf(KillNineEndToEndTest::isServiceVariable);
      childEnv.putAll(env);
      return new Service(builder.start(), env.get(AppConfig.PUBLIC_BASE_URL), log);
    }

    String logTail() {
      try (Stream<String> lines = Files.lines(log)) {
        List<String> all = lines.toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }

  /** Whether a variable of this JVM's environment would configure the child service. */
  private static boolean isServiceVariable(String name) {
    return name.startsWith("SMS_")
        || name.startsWith("TWILIO_")
        || name.startsWith("MONITOR_")
        || name.startsWith("DATABASE_")
        || name.startsWith("DB_")
        || name.equals("PORT")
        || name.equals("PUBLIC_BASE_URL");
  }
}
