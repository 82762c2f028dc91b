package io.smsfoundation.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL that tests run against, chosen once per JVM, in this order: the JDBC URL in
 * the environment variable {@code SMS_TEST_DATABASE_URL}; else a Testcontainers PostgreSQL when
 * Testcontainers is on the class path and a Docker engine answers; else an embedded PostgreSQL
 * (zonky binaries, started lazily, data in a temporary directory deleted at exit). The choice is
 * logged.
 *
 * <p>Tests never share rows: each test class takes its own {@link Schema} (random name, migrated,
 * dropped on close). Thread-safe.
 */
public final class PostgresTestDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);

  /** The environment variable naming an existing server, in either URL form. */
  public static final String URL_VARIABLE = "SMS_TEST_DATABASE_URL";

  /** Tables emptied by {@link Schema#truncateAll()}. */
  private static final List<String> TABLES =
      List.of(
          "sms_call_status_events",
          "sms_calls",
          "sms_event_deliveries",
          "sms_subscriptions",
          "sms_events",
          "sms_message_status_events",
          "sms_conflicting_status_events",
          "sms_messages",
          "sms_conversation_tenant_history",
          "sms_conversations",
          "sms_tenant_phone_numbers",
          "sms_tenant_languages",
          "tenant_profiles",
          "scheduled_tasks",
          "sms_rate_buckets",
          "sms_idempotency_claims");

  private static Server server;

  private PostgresTestDatabase() {}

  /** Where the server came from and how to reach it. */
  private record Server(String source, DatabaseUrl url) {}

  /** The server's URL (no schema), starting or finding the server on first use. */
  public static synchronized DatabaseUrl serverUrl() {
    if (server == null) {
      server = chooseServer();
      LOG.info("PostgreSQL for tests: {} at {}", server.source(), server.url());
    }
    return server.url();
  }

  /** Which source {@link #serverUrl()} chose: {@code SMS_TEST_DATABASE_URL}, ... */
  public static synchronized String source() {
    serverUrl();
    return server.source();
  }

  /** A new, migrated schema with a random name. */
  public static Schema createSchema() {
    return createSchema(true);
  }

  /**
   * A new schema with a random name.
   *
   * @param migrate whether to apply the service's migrations to it
   */
  public static Schema createSchema(boolean migrate) {
    DatabaseUrl url = serverUrl();
    String name = "sms_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Schema schema = new Schema(url, name);
    schema.execute("create schema " + name);
    if (migrate) {
      PostgresSchema.migrate(schema.tools(), name);
    }
    return schema;
  }

  private static Server chooseServer() {
    String configured = System.getenv(URL_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new Server(URL_VARIABLE, DatabaseUrl.parse(configured));
    }
    Optional<DatabaseUrl> container = Containers.start();
    if (container.isPresent()) {
      return new Server("Testcontainers", container.get());
    }
    return new Server("embedded PostgreSQL", startEmbedded());
  }

  private static DatabaseUrl startEmbedded() {
    try {
      Path directory = Files.createTempDirectory("sms-test-postgres");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(true)
              .setServerConfig("max_connections", "300")
              .setServerConfig("synchronous_commit", "off")
              .start();
      return DatabaseUrl.parse(postgres.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start an embedded PostgreSQL for the tests", e);
    }
  }

  /**
   * Testcontainers, touched only when its classes are present and a Docker engine may exist, so
   * that its absence costs nothing and logs nothing.
   */
  private static final class Containers {

    static Optional<DatabaseUrl> start() {
      if (!dockerMayExist()) {
        return Optional.empty();
      }
      try {
        Class.forName("org.testcontainers.DockerClientFactory");
      } catch (ClassNotFoundException e) {
        return Optional.empty();
      }
      return Started.start();
    }

    private static boolean dockerMayExist() {
      if (System.getenv("DOCKER_HOST") != null) {
        return true;
      }
      String home = System.getProperty("user.home", "");
      String runtime = System.getenv("XDG_RUNTIME_DIR");
      List<Path> candidates = new ArrayList<>();
      candidates.add(Path.of("/var/run/docker.sock"));
      candidates.add(Path.of(home, ".docker", "run", "docker.sock"));
      candidates.add(Path.of(home, ".testcontainers.properties"));
      if (runtime != null) {
        candidates.add(Path.of(runtime, "docker.sock"));
      }
      return candidates.stream().anyMatch(Files::exists);
    }

    /** Separate so that the Testcontainers classes load only when they are there. */
    private static final class Started {
      static Optional<DatabaseUrl> start() {
        try {
          if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.empty();
          }
          var container =
              new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
          container.withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
          container.start();
          String url =
              container.getJdbcUrl()
                  + (container.getJdbcUrl().contains("?") ? "&" : "?")
                  + "user="
                  + container.getUsername()
                  + "&password="
                  + container.getPassword();
          return Optional.of(DatabaseUrl.parse(url));
        } catch (RuntimeException e) {
          LOG.info("Docker answered but no PostgreSQL container could start: {}", e.toString());
          return Optional.empty();
        }
      }
    }
  }

  /**
   * One schema of the test server with its own small pool; {@link #close()} drops it with all its
   * rows.
   */
  public static final class Schema implements AutoCloseable {

    private final DatabaseUrl serverUrl;
    private final String name;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final HikariDataSource dataSource;
    private final DataSource tools;

    private Schema(DatabaseUrl serverUrl, String name) {
      this.serverUrl = serverUrl;
      this.name = name;
      this.dataSource = newDataSource(8);
      this.tools = PostgresDataSources.forMigrations(serverUrl, name);
    }

    /**
     * Connections without the service's statement limits, for migrations and test set-up (a hundred
     * thousand rows in one statement).
     */
    public DataSource tools() {
      return tools;
    }

    public String name() {
      return name;
    }

    /** The schema's pool (8 connections, {@code currentSchema} set). */
    public DataSource dataSource() {
      return dataSource;
    }

    /** Another pool on this schema, closed with it. */
    public synchronized HikariDataSource newDataSource(int poolSize) {
      HikariDataSource pool =
          PostgresDataSources.create(serverUrl, poolSize, name + "-" + (pools.size() + 1), name);
      pools.add(pool);
      return pool;
    }

    /** The URL of this schema ({@code currentSchema} parameter set). */
    public DatabaseUrl databaseUrl() {
      return serverUrl.withParameter("currentSchema", name);
    }

    /**
     * Empties every table of the service's schema. {@code DELETE} rather than {@code TRUNCATE}: for
     * the few rows a test leaves it is several times faster.
     */
    public void truncateAll() {
      execute(
          TABLES.stream().map(table -> "delete from " + table).collect(Collectors.joining("; ")));
    }

    /** Runs one SQL statement on this schema, without the service's statement limits. */
    public void execute(String sql) {
      try (Connection connection = tools.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
      }
    }

    /** Drops the schema and closes its pools. */
    @Override
    public synchronized void close() {
      try {
        execute("drop schema if exists " + name + " cascade");
      } finally {
        pools.forEach(HikariDataSource::close);
        pools.clear();
      }
    }
  }
}
