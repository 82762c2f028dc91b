package io.smsfoundation.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Builds the data sources the service talks to PostgreSQL through. The timeouts are the service's
 * own, whatever the connection string says: a database that fails in any way (refuses, vanishes,
 * freezes mid-statement, holds a lock) fails a request within about two seconds (the webhook
 * answers 503, Twilio retries) instead of hanging, and the server itself ends the transactions of a
 * client that vanished, so that their locks cannot block others once the network is back. The
 * values and their reasons are in {@code docs/operations.md}.
 */
public final class PostgresDataSources {

  /** Enough for two cores: PostgreSQL on the same machine needs the cores more than idle slots. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /**
   * How long a request waits for a pooled connection. With one validation of a dead connection that
   * may start just before it runs out ({@link #VALIDATION_TIMEOUT}, at least one second in the
   * driver), a request learns that the database is gone within two and a half seconds.
   */
  static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1500);

  /** How long checking that an idle connection still works may take before it is replaced. */
  static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

  /** TCP connect to a host that does not answer. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Connected, but the server never finishes the start-up (a frozen network path). */
  static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(2);

  /** A read that gets nothing: the server or the path to it vanished mid-statement. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Server side, shorter than {@link #SOCKET_TIMEOUT}: a slow statement is cancelled by the server,
   * which keeps the connection, before the client gives up on the connection.
   */
  static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(1500);

  /** Server side: waiting for a row lock (held by a client that vanished, say) fails fast. */
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

  /**
   * Server side: a transaction whose client sent nothing for this long is ended and its locks
   * released. The service never waits inside a transaction; a vanished client does.
   */
  static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Server side TCP keepalive (the default is the operating system's, often two hours): a
   * connection whose client vanished is noticed after about a minute, and its slot freed.
   */
  static final Duration SERVER_KEEPALIVE_IDLE = Duration.ofSeconds(30);

  static final Duration SERVER_KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
  static final int SERVER_KEEPALIVE_COUNT = 3;

  /**
   * What the background scans behind the gauges (conversation counts, job backlog) may take: they
   * grow with the tables and nobody waits for them.
   */
  static final Duration SCAN_TIMEOUT = Duration.ofSeconds(30);

  /** Migrations may wait this long for a lock (a table in use), then the start fails. */
  static final Duration MIGRATION_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private PostgresDataSources() {}

  /** A pool of {@link #DEFAULT_POOL_SIZE} connections named {@code sms-postgres}. */
  public static HikariDataSource create(DatabaseUrl url) {
    return create(url, DEFAULT_POOL_SIZE, "sms-postgres", null);
  }

  /**
   * A pool for {@code url}, with the service's timeouts.
   *
   * @param poolSize the fixed number of connections ({@code DB_POOL_SIZE})
   * @param poolName shows up in thread names and pool metrics
   * @param currentSchema the schema to work in, or {@code null} for the server's search path
   * @throws IllegalArgumentException for a pool size below one
   */
  public static HikariDataSource create(
      DatabaseUrl url, int poolSize, String poolName, String currentSchema) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(poolName, "poolName");
    if (poolSize < 1) {
      throw new IllegalArgumentException("the pool size must be at least 1, got " + poolSize);
    }
    DatabaseUrl withTimeouts =
        withSettings(
            url,
            SOCKET_TIMEOUT,
            Map.of(
                "statement_timeout", millis(STATEMENT_TIMEOUT),
                "lock_timeout", millis(LOCK_TIMEOUT),
                "idle_in_transaction_session_timeout", millis(IDLE_IN_TRANSACTION_TIMEOUT)));
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(withTimeouts.jdbcUrl());
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    if (!url.parameters().containsKey("ApplicationName")) {
      config.addDataSourceProperty("ApplicationName", "sms-foundation");
    }
    if (currentSchema != null) {
      config.addDataSourceProperty("currentSchema", currentSchema);
    }
    config.setMaximumPoolSize(poolSize);
    // A fixed-size pool: no connection churn under bursts of webhooks.
    config.setMinimumIdle(poolSize);
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
    config.setAutoCommit(true);
    return new HikariDataSource(config);
  }

  /**
   * A data source without a pool for migrations and tools: the same connect timeouts, but no limit
   * on how long a statement runs (a migration may rebuild an index), and locks waited for up to
   * {@link #MIGRATION_LOCK_TIMEOUT}. Each {@code getConnection} opens a new connection.
   *
   * @param currentSchema the schema to work in, or {@code null} for the server's search path
   */
  public static DataSource forMigrations(DatabaseUrl url, String currentSchema) {
    Objects.requireNonNull(url, "url");
    DatabaseUrl settings =
        withSettings(
            url,
            Duration.ZERO,
            Map.of(
                "statement_timeout", "0",
                "lock_timeout", millis(MIGRATION_LOCK_TIMEOUT),
                "idle_in_transaction_session_timeout", "0"));
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(settings.jdbcUrl());
    if (url.user() != null) {
      dataSource.setUser(url.user());
    }
    if (url.password() != null) {
      dataSource.setPassword(url.password());
    }
    if (!url.parameters().containsKey("ApplicationName")) {
      dataSource.setApplicationName("sms-foundation-migrations");
    }
    if (currentSchema != null) {
      dataSource.setCurrentSchema(currentSchema);
    }
    return dataSource;
  }

  /**
   * {@code url} with the service's driver settings, replacing any of the same name, and the server
   * settings added to its {@code options} (after the URL's own, so that they win).
   *
   * @param socketTimeout {@link Duration#ZERO} for none
   */
  static DatabaseUrl withSettings(
      DatabaseUrl url, Duration socketTimeout, Map<String, String> serverSettings) {
    Map<String, String> server = new LinkedHashMap<>(serverSettings);
    server.put("tcp_keepalives_idle", Long.toString(SERVER_KEEPALIVE_IDLE.toSeconds()));
    server.put("tcp_keepalives_interval", Long.toString(SERVER_KEEPALIVE_INTERVAL.toSeconds()));
    server.put("tcp_keepalives_count", Integer.toString(SERVER_KEEPALIVE_COUNT));
    StringBuilder options = new StringBuilder(url.parameters().getOrDefault("options", ""));
    server.forEach(
        (name, value) -> {
          if (!options.isEmpty()) {
            options.append(' ');
          }
          options.append("-c ").append(name).append('=').append(value);
        });
    return url.withParameter("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()))
        .withParameter("loginTimeout", Long.toString(LOGIN_TIMEOUT.toSeconds()))
        .withParameter("socketTimeout", Long.toString(socketTimeout.toSeconds()))
        .withParameter("tcpKeepAlive", "true")
        // exceptions carry the server's message only, never DETAIL or WHERE, which quote values
        .withParameter("logServerErrorDetail", "false")
        .withParameter("options", options.toString());
  }

  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }
}
