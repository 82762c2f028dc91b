package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.LocalCredentials;
import io.smsfoundation.app.simulate.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first run: no configuration but a data directory. The service starts an embedded
 * PostgreSQL and the Twilio emulator, generates its credentials, takes a simulated SMS, sends one,
 * and after a restart still has both and the same credentials.
 */
class LocalModeEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  private JsonNode get(SmsApplication app, String apiKey, String path) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + apiKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode send(SmsApplication app, String apiKey, String to, String body)
      throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/sms/send"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("to", to).put("body", body).toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body());
  }

  private JsonNode quietly(SmsApplication app, String apiKey, String path) {
    try {
      return get(app, apiKey, path);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void first_run_needs_no_configuration_and_a_restart_keeps_everything() throws Exception {
    Map<String, String> env =
        Map.of(
            AppConfig.SMS_DATA_DIR,
            dataDir.toString(),
            AppConfig.PORT,
            "0",
            AppConfig.LOG_FORMAT,
            "text");
    SmsApplication first = new SmsApplication(AppConfig.fromEnvironment(env)).start();
    LocalCredentials credentials;
    String sentId;
    try {
      credentials = first.localCredentials().orElseThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit =
          new SimulateCommand(
                  Map.of(AppConfig.SMS_DATA_DIR, dataDir.toString()),
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
              .run(
                  new String[] {
                    "inbound",
                    "--from",
                    "+12015557001",
                    "--body",
                    "Sí",
                    "--url",
                    "http://localhost:" + first.port(),
                    "--public-url",
                    first.publicBaseUrl().toString()
                  });
      assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(
              get(first, credentials.apiKey(), "/conversations/%2B12015557001")
                  .at("/messages/0/content")
                  .asText())
          .isEqualTo("Sí");
      sentId = send(first, credentials.apiKey(), "+12015557001", "Hola").get("message_id").asText();
      JsonNode delivered =
          eventually(
              () -> quietly(first, credentials.apiKey(), "/messages/" + sentId),
              m -> m.get("delivery_status").asText().equals("delivered"));
      assertThat(delivered.get("delivery_status").asText()).isEqualTo("delivered");
    } finally {
      first.stop();
    }

    SmsApplication second = new SmsApplication(AppConfig.fromEnvironment(env)).start();
    try {
      assertThat(second.localCredentials()).contains(credentials);
      JsonNode page = get(second, credentials.apiKey(), "/conversations/2015557001");
      assertThat(page.get("messages")).hasSize(2);
      assertThat(
              get(second, credentials.apiKey(), "/messages/" + sentId)
                  .get("delivery_status")
                  .asText())
          .isEqualTo("delivered");
    } finally {
      second.stop();
    }
  }
}
