package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.API_KEY;
import static io.smsfoundation.app.TestApplication.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsfoundation.app.config.AppConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP server does for every route, whatever the request: each refusal in the error
 * envelope with the right status (also those Jetty answers before a route is found), no body read
 * before the caller is known, JSON endpoints only for JSON, no caching of answers, slow clients cut
 * off, {@code /metrics} on its own port when asked.
 */
class HttpBoundariesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestApplication app;
  private static RawHttp raw;

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of(AppConfig.MANAGEMENT_PORT, "0"));
    raw = new RawHttp(app.application().port());
    assertThat(app.inbound("+12015557001", "hello").statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static Map<String, String> auth() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + API_KEY);
    return headers;
  }

  private static JsonNode assertEnvelope(RawHttp.Response response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    JsonNode error;
    try {
      error = JSON.readTree(response.body()).get("error");
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
    return error;
  }

  @Test
  void a_uri_longer_than_the_server_reads_is_a_414_in_the_envelope() {
    String path = "/conversations/" + "1".repeat(9_000);

    for (String method : List.of("GET", "PUT", "PATCH", "DELETE")) {
      assertEnvelope(raw.send(method, path, auth(), null), 414, "sms.uri_too_long");
    }
  }

  @Test
  void headers_larger_than_the_server_reads_are_a_431_in_the_envelope_for_every_method() {
    Map<String, String> headers = auth();
    headers.put("X-Padding", "p".repeat(9_000));

    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
      assertEnvelope(
          raw.send(method, "/conversations/%2B12015557001", headers, new byte[0]),
          431,
          "sms.headers_too_large");
    }
  }

  @Test
  void a_malformed_percent_escape_in_a_path_segment_is_a_400_with_or_without_a_key() {
    for (String path :
        List.of(
            "/conversations/%u002F",
            "/conversations/%u002F/workflow",
            "/messages/%ZZ",
            "/conversations/12%",
            "/conversations/%C3%28")) {
      assertEnvelope(raw.send("GET", path, auth(), null), 400, "sms.validation_error");
      assertEnvelope(raw.send("GET", path, Map.of(), null), 400, "sms.validation_error");
    }
    assertEnvelope(
        raw.send("GET", "/conversations/%2B12015557001?cursor=%u0041", auth(), null),
        400,
        "sms.validation_error");
    assertEnvelope(
        raw.send("GET", "/conversations/%2B12015557001?cursor=a%00b", auth(), null),
        400,
        "sms.validation_error");
  }

  @Test
  void a_cursor_with_a_time_out_of_range_is_a_400() {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("v1:" + Long.MAX_VALUE + ":" + UUID.randomUUID())
                    .getBytes(StandardCharsets.UTF_8));

    JsonNode details =
        assertError(
            app.get("/conversations/%2B12015557001?cursor=" + cursor), 400, "sms.validation_error");
    assertThat(details.has("cursor")).isTrue();
  }

  @Test
  void a_json_endpoint_refuses_a_body_of_another_media_type_with_a_415() {
    String body = "{\"to\":\"+12015557002\",\"body\":\"hi\"}";
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1")) {
      HttpResponse<String> refused =
          app.call(
              "POST",
              "/sms/send",
              body,
              Map.of("Authorization", "Bearer " + API_KEY, "Content-Type", type));
      assertError(refused, 415, "sms.unsupported_media_type");
    }
    Map<String, String> noType = auth();
    assertEnvelope(
        raw.send("POST", "/sms/send", noType, body.getBytes(StandardCharsets.UTF_8)),
        415,
        "sms.unsupported_media_type");
    HttpResponse<String> accepted =
        app.call(
            "POST",
            "/sms/send",
            body,
            Map.of(
                "Authorization",
                "Bearer " + API_KEY,
                "Content-Type",
                "application/json; charset=UTF-8"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
  }

  @Test
  void json_holding_a_nul_or_an_unpaired_surrogate_is_a_400_naming_the_field() {
    JsonNode nul =
        assertError(
            app.postJson("/sms/send", "{\"to\":\"+12015557003\",\"body\":\"a\\u0000b\"}"),
            400,
            "sms.validation_error");
    assertThat(nul.has("body")).isTrue();
    JsonNode surrogate =
        assertError(
            app.putJson(
                "/conversations/%2B12015557001/workflow",
                "{\"workflow_type\":\"x\\ud800\",\"workflow_id\":\"1\"}"),
            400,
            "sms.validation_error");
    assertThat(surrogate.has("workflow_type")).isTrue();
  }

  @Test
  void answers_are_never_cached_and_never_sniffed() {
    for (HttpResponse<String> response :
        List.of(
            app.get("/conversations/%2B12015557001"),
            app.get("/messages/" + UUID.randomUUID()),
            app.call("GET", "/health", null, Map.of()),
            app.call("GET", "/no/such/path", null, Map.of()),
            app.inbound("+12015557001", "again"))) {
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void a_caller_without_key_or_signature_is_answered_without_its_body_being_read()
      throws IOException {
    for (String path : List.of("/sms/send", "/webhook/twilio/sms")) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", app.application().port()), 5_000);
        // the answer must come although the promised body never does
        socket.setSoTimeout(4_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawHttp.Response response = RawHttp.read(socket.getInputStream());
        assertThat(response.status()).isIn(401, 403);
      }
    }
  }

  @Test
  void metrics_are_served_on_the_management_port_only() {
    int management = app.application().managementPort().orElseThrow();

    assertThat(app.call("GET", "/metrics", null, Map.of()).statusCode()).isEqualTo(404);
    RawHttp.Response metrics = new RawHttp(management).send("GET", "/metrics", Map.of(), null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds");
    assertThat(new RawHttp(management).send("GET", "/health", Map.of(), null).status())
        .isEqualTo(404);
  }

  /**
   * 200 clients that send a body one byte every two seconds are cut off within seconds, and
   * meanwhile the service answers everyone else.
   */
  @Test
  void slow_clients_are_cut_off_and_do_not_hold_the_server() throws Exception {
    int clients = 200;
    List<Socket> slow = new ArrayList<>();
    List<Long> cutAfterMillis = new ArrayList<>();
    long started = System.nanoTime();
    try {
      for (int i = 0; i < clients; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", app.application().port()), 5_000);
        socket.setSoTimeout(100);
        socket
            .getOutputStream()
            .write(
                ("POST /sms/send HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + API_KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      List<Socket> open = new ArrayList<>(slow);
      long deadline = started + Duration.ofSeconds(60).toNanos();
      long nextByte = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      boolean othersServed = false;
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        if (!othersServed && System.nanoTime() - started > Duration.ofSeconds(1).toNanos()) {
          // everyone else is served while the slow clients are still connected
          assertThat(app.get("/conversations/%2B12015557001").statusCode()).isEqualTo(200);
          assertThat(app.inbound("+12015557004", "still served").statusCode()).isEqualTo(200);
          othersServed = true;
        }
        boolean sendByte = System.nanoTime() >= nextByte;
        if (sendByte) {
          nextByte += Duration.ofSeconds(2).toNanos();
        }
        for (Socket socket : List.copyOf(open)) {
          if (sendByte && !write(socket, ' ')) {
            open.remove(socket);
            cutAfterMillis.add((System.nanoTime() - started) / 1_000_000);
            continue;
          }
          if (closedByServer(socket.getInputStream())) {
            open.remove(socket);
            cutAfterMillis.add((System.nanoTime() - started) / 1_000_000);
          }
        }
      }
      assertThat(othersServed).isTrue();
      assertThat(open).as("slow clients still connected after 60 s").isEmpty();
      cutAfterMillis.sort(null);
      System.out.printf(
          "slow clients: %d cut off, median after %d ms, last after %d ms%n",
          cutAfterMillis.size(),
          cutAfterMillis.get(cutAfterMillis.size() / 2),
          cutAfterMillis.getLast());
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  /** Whether the server answered (a 408) or closed: anything that arrives ends the client. */
  private static boolean closedByServer(InputStream in) {
    try {
      return in.read() != Integer.MIN_VALUE;
    } catch (java.net.SocketTimeoutException nothingYet) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static boolean write(Socket socket, char c) {
    try {
      socket.getOutputStream().write(c);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }
}
