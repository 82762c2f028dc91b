package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.StoreUnavailableException;
import io.smsfoundation.ports.in.InvalidCommandException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
  void a_store_that_cannot_be_reached_is_a_503_however_deep_the_cause() {
    RuntimeException wrapped =
        new IllegalStateException(
            "wrapped", new StoreUnavailableException("the database cannot be reached", null));

    assertThat(Failures.toApiError(wrapped).status()).isEqualTo(503);
    assertThat(Failures.toApiError(wrapped).code()).isEqualTo("sms.unavailable");
    assertThat(Failures.toApiError(wrapped).headers()).containsKey("Retry-After");
  }

  @Test
  void a_sql_failure_that_reached_the_http_layer_is_not_read_there() {
    // The stores translate unreachable databases; an untranslated SQL failure is a bug, a 500.
    assertThat(
            Failures.toApiError(new RuntimeException(new java.sql.SQLException("broken", "08006")))
                .status())
        .isEqualTo(500);
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
