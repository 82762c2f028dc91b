package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.StoreUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

  @Test
  void an_unreachable_database_is_a_store_unavailable_however_deep_the_cause() {
    RuntimeException poolTimeout =
        new IllegalStateException(
            "wrapped", new SQLTransientConnectionException("Connection is not available"));
    RuntimeException brokenConnection =
        new RuntimeException(new SQLException("An I/O error occurred", "08006"));
    RuntimeException shuttingDown =
        new RuntimeException(new SQLException("terminating connection", "57P01"));
    RuntimeException socketUnderJdbc =
        new RuntimeException(new SQLException("read failed", null, new SocketTimeoutException()));
    RuntimeException refused =
        new RuntimeException(new SQLException("refused", null, new ConnectException()));

    for (RuntimeException failure :
        new RuntimeException[] {
          poolTimeout, brokenConnection, shuttingDown, socketUnderJdbc, refused
        }) {
      assertThat(ConnectionFailures.translate(failure))
          .isInstanceOf(StoreUnavailableException.class)
          .hasCause(failure);
    }
  }

  @Test
  void the_message_names_the_cause_and_its_sql_state_only() {
    RuntimeException failure =
        new RuntimeException(
            "insert into sms_messages values ('+12015550123', 'my secret')",
            new SQLException("An I/O error occurred", "08006"));

    assertThat(ConnectionFailures.translate(failure).getMessage())
        .contains("SQLException", "08006")
        .doesNotContain("12015550123", "secret");
  }

  @Test
  void a_socket_failure_outside_jdbc_is_not_blamed_on_the_database() {
    RuntimeException failure = new RuntimeException(new ConnectException());

    assertThat(ConnectionFailures.translate(failure)).isSameAs(failure);
  }

  @Test
  void a_statement_the_database_refused_stays_what_it_is() {
    RuntimeException failure =
        new RuntimeException(new SQLException("duplicate key value", "23505"));

    assertThat(ConnectionFailures.translate(failure)).isSameAs(failure);
  }
}
