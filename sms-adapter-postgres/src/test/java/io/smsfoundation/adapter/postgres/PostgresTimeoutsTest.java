package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.ports.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service sets its own timeouts, whatever the connection string says, so that a database that
 * fails in any way fails a request quickly and the server ends what a vanished client left open.
 */
class PostgresTimeoutsTest {

  private static PostgresTestDatabase.Schema schema;
  private static HikariDataSource pool;
  private static PostgresUnitOfWork unitOfWork;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    // a connection string that asks for the opposite of every timeout the service sets
    DatabaseUrl lenient =
        schema
            .databaseUrl()
            .withParameter("socketTimeout", "600")
            .withParameter("connectTimeout", "60")
            .withParameter("tcpKeepAlive", "false")
            .withParameter("logServerErrorDetail", "true")
            .withParameter("options", "-c statement_timeout=0 -c lock_timeout=0 -c work_mem=5MB");
    pool = PostgresDataSources.create(lenient, 2, "timeouts-test", null);
    unitOfWork = new PostgresUnitOfWork(pool);
  }

  @AfterAll
  static void dropSchema() {
    try {
      pool.close();
    } finally {
      schema.close();
    }
  }

  private static String show(DataSource dataSource, String setting) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("show " + setting)) {
      result.next();
      return result.getString(1);
    }
  }

  @Test
  void the_pool_has_the_services_timeouts_whatever_the_url_says() throws SQLException {
    assertThat(show(pool, "statement_timeout")).isEqualTo("1500ms");
    assertThat(show(pool, "lock_timeout")).isEqualTo("1s");
    assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo("5s");
    // the URL's other server settings are kept
    assertThat(show(pool, "work_mem")).isEqualTo("5MB");
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.getNetworkTimeout()).isEqualTo(2_000);
    }
  }

  @Test
  void migrations_may_run_long_statements() throws SQLException {
    DataSource migrations = PostgresDataSources.forMigrations(schema.databaseUrl(), null);

    assertThat(show(migrations, "statement_timeout")).isEqualTo("0");
    assertThat(show(migrations, "lock_timeout")).isEqualTo("10s");
  }

  @Test
  void a_statement_past_the_timeout_is_a_store_that_cannot_serve_now() {
    assertThatThrownBy(
            () -> unitOfWork.withHandle(h -> h.createQuery("select pg_sleep(3)").mapToMap().one()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("57014");
    // the server cancelled the statement: the connection is still good
    Integer one = unitOfWork.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    assertThat(one).isEqualTo(1);
  }

  @Test
  void a_lock_held_elsewhere_fails_fast_as_a_store_that_cannot_serve_now() throws Exception {
    schema.execute("create table if not exists locked (id int primary key)");
    schema.execute("insert into locked values (1) on conflict do nothing");
    try (Connection holder = schema.tools().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement statement = holder.createStatement()) {
        statement.execute("select * from locked where id = 1 for update");
      }

      assertThatThrownBy(
              () ->
                  unitOfWork.inTransaction(
                      tx ->
                          unitOfWork.withHandle(
                              h -> h.execute("update locked set id = 1 where id = 1"))))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("55P03");
      holder.rollback();
    }
  }

  @Test
  void a_background_scan_may_take_longer_than_a_statement_of_the_pool() {
    Integer slept =
        unitOfWork.withLongStatements(
            Duration.ofSeconds(10),
            h -> h.createQuery("select 1 from pg_sleep(2)").mapTo(Integer.class).one());

    assertThat(slept).isEqualTo(1);
    String after =
        unitOfWork.withHandle(
            h -> h.createQuery("show statement_timeout").mapTo(String.class).one());
    assertThat(after).isEqualTo("1500ms");
  }
}
