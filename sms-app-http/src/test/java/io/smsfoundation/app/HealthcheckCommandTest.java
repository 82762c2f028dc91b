package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.app.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code healthcheck}, the container's health check, against a real running service: its default
 * URL is the service's readiness route on {@code PORT}.
 */
class HealthcheckCommandTest {

  private static TestApplication app;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void a_ready_service_on_port_passes() {
    int exit =
        new HealthcheckCommand(
                Map.of(AppConfig.PORT, Integer.toString(app.application().port())), out)
            .run(new String[0]);

    assertThat(exit).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("/health/ready 200");
  }

  @Test
  void a_service_that_does_not_answer_fails() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    int exit =
        new HealthcheckCommand(Map.of(AppConfig.PORT, Integer.toString(closed)), out)
            .run(new String[0]);

    assertThat(exit).isEqualTo(1);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("unreachable");
  }

  @Test
  void an_answer_other_than_200_fails() {
    int exit =
        new HealthcheckCommand(Map.of(), out).run(new String[] {app.baseUrl() + "/no/such/path"});

    assertThat(exit).isEqualTo(1);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains(" 404");
  }
}
