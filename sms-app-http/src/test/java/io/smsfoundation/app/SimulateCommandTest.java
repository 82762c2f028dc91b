package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.simulate.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code simulate} command against a running service, signing as Twilio does. */
class SimulateCommandTest {

  private static TestApplication app;

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run simulate(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new SimulateCommand(
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void simulated_inbound_is_stored_like_a_real_webhook() {
    Run run =
        simulate(
            Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
            "inbound",
            "--from",
            "+12015555010",
            "--body",
            "Sí",
            "--url",
            app.baseUrl(),
            "--public-url",
            app.application().publicBaseUrl().toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("HTTP 200").contains(TestApplication.EMPTY_TWIML);
    JsonNode page = json(app.get("/conversations/%2B12015555010"));
    assertThat(page.at("/messages/0/content").asText()).isEqualTo("Sí");
  }

  @Test
  void simulated_status_moves_a_sent_message_forward() {
    String id = json(app.send("+12015555011", "hello")).get("message_id").asText();
    JsonNode delivered =
        eventually(
            () -> json(app.get("/messages/" + id)),
            m -> m.get("delivery_status").asText().equals("delivered"));
    String sid = delivered.get("twilio_sid").asText();

    Run run =
        simulate(
            Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
            "status",
            "--sid",
            sid,
            "--status",
            "read",
            "--message-id",
            id,
            "--url",
            app.baseUrl(),
            "--public-url",
            app.application().publicBaseUrl().toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(json(app.get("/messages/" + id)).get("delivery_status").asText()).isEqualTo("read");
  }

  /**
   * Runs {@code command} in a POSIX shell, as someone pasting it would; returns what it printed.
   */
  private static String shell(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(printed).isZero();
    return printed;
  }

  @Test
  void printed_inbound_curl_command_is_accepted_by_the_service() throws Exception {
    Run run =
        simulate(
            Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
            "inbound",
            "--from",
            "+12015555013",
            "--body",
            "Sí, it's paid & done",
            "--url",
            app.baseUrl(),
            "--public-url",
            app.application().publicBaseUrl().toString(),
            "--print-curl");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("curl ").contains("X-Twilio-Signature: ");
    assertThat(app.get("/conversations/%2B12015555013").statusCode())
        .as("printing sends nothing")
        .isEqualTo(404);

    String answer = shell(run.out());

    assertThat(answer).contains(TestApplication.EMPTY_TWIML).endsWith("HTTP 200\n");
    JsonNode page = json(app.get("/conversations/%2B12015555013"));
    assertThat(page.at("/messages/0/content").asText()).isEqualTo("Sí, it's paid & done");
  }

  @Test
  void printed_call_curl_command_is_answered_with_twiml_and_records_the_call() throws Exception {
    Run run =
        simulate(
            Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
            "call",
            "--from",
            "+12015555015",
            "--sid",
            "CA" + "e".repeat(32),
            "--url",
            app.baseUrl(),
            "--public-url",
            app.application().publicBaseUrl().toString(),
            "--print-curl");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("curl ").contains("/webhook/twilio/voice");
    assertThat(app.get("/calls/CA" + "e".repeat(32)).statusCode())
        .as("printing calls nothing")
        .isEqualTo(404);

    String answer = shell(run.out());

    assertThat(answer).contains("<Response>").endsWith("HTTP 200\n");
    assertThat(app.get("/calls/CA" + "e".repeat(32)).statusCode()).isEqualTo(200);
  }

  @Test
  void printed_status_curl_command_moves_a_sent_message_forward() throws Exception {
    String id = json(app.send("+12015555014", "hello")).get("message_id").asText();
    String sid =
        eventually(
                () -> json(app.get("/messages/" + id)),
                m -> m.get("delivery_status").asText().equals("delivered"))
            .get("twilio_sid")
            .asText();
    Run run =
        simulate(
            Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
            "status",
            "--sid",
            sid,
            "--status",
            "read",
            "--message-id",
            id,
            "--url",
            app.baseUrl(),
            "--public-url",
            app.application().publicBaseUrl().toString(),
            "--print-curl");
    assertThat(run.exitCode()).as(run.err()).isZero();

    String answer = shell(run.out());

    assertThat(answer).endsWith("HTTP 200\n");
    assertThat(json(app.get("/messages/" + id)).get("delivery_status").asText()).isEqualTo("read");
  }

  @Test
  void wrong_auth_token_is_refused_by_the_service() {
    Run run =
        simulate(
            Map.of(),
            "inbound",
            "--from",
            "+12015555012",
            "--body",
            "x",
            "--auth-token",
            "wrong-token",
            "--url",
            app.baseUrl());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("HTTP 403");
  }

  @Test
  void usage_errors_exit_with_2() {
    assertThat(simulate(Map.of()).exitCode()).isEqualTo(2);
    assertThat(simulate(Map.of(), "inbound", "--body", "no sender").exitCode()).isEqualTo(2);
    assertThat(simulate(Map.of(), "teleport").exitCode()).isEqualTo(2);
  }
}
