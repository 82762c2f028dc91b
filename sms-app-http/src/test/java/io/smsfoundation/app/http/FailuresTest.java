package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.in.InvalidCommandException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void invalid_command_is_a_400_with_its_field_details() {
    ApiError error = Failures.toApiError(InvalidCommandException.of("to", "is required"));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("sms.validation_error");
    assertThat(error.details()).containsEntry("to", "is required");
  }

  @Test
  void unreachable_database_is_a_503_however_deep_the_cause() {
    RuntimeException poolTimeout =
        new IllegalStateException(
            "wrapped", new SQLTransientConnectionException("Connection is not available"));
    RuntimeException brokenConnection =
        new RuntimeException(new SQLException("An I/O error occurred", "08006"));
    RuntimeException socketUnderJdbc =
        new RuntimeException(new SQLException("read failed", null, new SocketTimeoutException()));

    assertThat(Failures.toApiError(poolTimeout).status()).isEqualTo(503);
    assertThat(Failures.toApiError(brokenConnection).code()).isEqualTo("sms.unavailable");
    assertThat(Failures.toApiError(socketUnderJdbc).status()).isEqualTo(503);
    assertThat(
            Failures.toApiError(
                    new RuntimeException(new SQLException("refused", null, new ConnectException())))
                .status())
        .isEqualTo(503);
  }

  @Test
  void a_socket_failure_outside_jdbc_is_not_blamed_on_the_database() {
    assertThat(Failures.toApiError(new RuntimeException(new ConnectException())).status())
        .isEqualTo(500);
  }

  @Test
  void anything_else_is_a_500_that_says_nothing_about_its_cause() {
    ApiError error =
        Failures.toApiError(new UncheckedIOException("secret detail", new java.io.IOException()));

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.code()).isEqualTo("sms.internal");
    assertThat(error.getMessage()).doesNotContain("secret detail");
    assertThat(error.getStackTrace()).isEmpty();
  }
}
