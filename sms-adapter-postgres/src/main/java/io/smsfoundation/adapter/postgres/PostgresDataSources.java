package io.smsfoundation.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the HikariCP pool the service talks to PostgreSQL through. Timeouts are short on purpose:
 * when the database is down a request fails in about two seconds (and the webhook answers 503)
 * instead of hanging until Twilio gives up.
 */
public final class PostgresDataSources {

  /** Enough for two cores: PostgreSQL on the same machine needs the cores more than idle slots. */
  public static final int DEFAULT_POOL_SIZE = 10;

  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

  /** pgjdbc settings applied unless the URL sets them itself. */
  private static final Map<String, String> DRIVER_DEFAULTS =
      Map.of(
          // seconds: TCP connect to a host that does not answer
          "connectTimeout", "2",
          // seconds: a query on a connection whose server vanished mid-way
          "socketTimeout", "30",
          "tcpKeepAlive", "true",
          "ApplicationName", "sms-foundation");

  private PostgresDataSources() {}

  /** A pool of {@link #DEFAULT_POOL_SIZE} connections named {@code sms-postgres}. */
  public static HikariDataSource create(DatabaseUrl url) {
    return create(url, DEFAULT_POOL_SIZE, "sms-postgres", null);
  }

  /**
   * A pool for {@code url}.
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
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    DRIVER_DEFAULTS.forEach(
        (name, value) -> {
          if (!url.parameters().containsKey(name)) {
            config.addDataSourceProperty(name, value);
          }
        });
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
}
