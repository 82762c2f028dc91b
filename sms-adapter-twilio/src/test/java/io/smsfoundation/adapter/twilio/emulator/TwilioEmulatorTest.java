package io.smsfoundation.adapter.twilio.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsfoundation.adapter.twilio.CallbackReceiver;
import io.smsfoundation.adapter.twilio.CallbackReceiver.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's HTTP behaviour, spoken to with a plain HTTP client. */
class TwilioEmulatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-02T14:05:09Z");

  private final HttpClient http = HttpClient.newHttpClient();
  private TwilioEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        TwilioEmulator.builder()
            .sentDelay(Duration.ofMillis(10))
            .deliveredDelay(Duration.ofMillis(10))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
    http.close();
  }

  private String messagesUrl() {
    return emulator.baseUrl() + "/2010-04-01/Accounts/" + emulator.accountSid() + "/Messages.json";
  }

  private String basicAuth(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String url, String authorization, Map<String, String> form)
      throws IOException, InterruptedException {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> create(Map<String, String> form)
      throws IOException, InterruptedException {
    return post(messagesUrl(), basicAuth(emulator.accountSid(), emulator.authToken()), form);
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", basicAuth(emulator.accountSid(), emulator.authToken()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> form(String to, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", to);
    form.put("From", "+15005550006");
    form.put("Body", body);
    return form;
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void a_created_message_is_answered_like_twilio_does() throws Exception {
    HttpResponse<String> response = create(form("+12015550123", "Hello"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode message = json(response);
    assertThat(message.get("sid").asText()).matches("SM[0-9a-f]{32}");
    assertThat(message.get("status").asText()).isEqualTo("queued");
    assertThat(message.get("account_sid").asText()).isEqualTo(emulator.accountSid());
    assertThat(message.get("to").asText()).isEqualTo("+12015550123");
    assertThat(message.get("from").asText()).isEqualTo("+15005550006");
    assertThat(message.get("body").asText()).isEqualTo("Hello");
    assertThat(message.get("num_segments").asText()).isEqualTo("1");
    assertThat(message.get("direction").asText()).isEqualTo("outbound-api");
    assertThat(message.get("date_created").asText()).isEqualTo("Mon, 02 Mar 2026 14:05:09 +0000");
    assertThat(message.get("error_code").isNull()).isTrue();
    assertThat(message.get("uri").asText())
        .isEqualTo(
            "/2010-04-01/Accounts/"
                + emulator.accountSid()
                + "/Messages/"
                + message.get("sid").asText()
                + ".json");
    assertThat(emulator.messagesCreated()).isEqualTo(1);
  }

  @Test
  void segments_are_counted_as_twilio_counts_them() throws Exception {
    assertThat(json(create(form("+12015550123", "a".repeat(161)))).get("num_segments").asText())
        .isEqualTo("2");
    assertThat(json(create(form("+12015550123", "ñandú 🦩"))).get("num_segments").asText())
        .isEqualTo("1");
  }

  @Test
  void requests_without_the_right_credentials_get_a_twilio_shaped_401() throws Exception {
    HttpResponse<String> none = post(messagesUrl(), null, form("+12015550123", "Hi"));
    HttpResponse<String> wrong =
        post(messagesUrl(), basicAuth(emulator.accountSid(), "wrong"), form("+12015550123", "Hi"));

    for (HttpResponse<String> response : List.of(none, wrong)) {
      assertThat(response.statusCode()).isEqualTo(401);
      JsonNode error = json(response);
      assertThat(error.get("code").asInt()).isEqualTo(20003);
      assertThat(error.get("status").asInt()).isEqualTo(401);
      assertThat(error.get("more_info").asText()).endsWith("/20003");
    }
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void another_accounts_messages_are_not_found() throws Exception {
    String otherAccount = "AC" + "0".repeat(32);

    HttpResponse<String> response =
        post(
            emulator.baseUrl() + "/2010-04-01/Accounts/" + otherAccount + "/Messages.json",
            basicAuth(emulator.accountSid(), emulator.authToken()),
            form("+12015550123", "Hi"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("code").asInt()).isEqualTo(20404);
  }

  @Test
  void missing_or_malformed_fields_are_refused_with_twilios_codes() throws Exception {
    Map<String, String> noTo = form("+12015550123", "Hi");
    noTo.remove("To");
    Map<String, String> noSender = form("+12015550123", "Hi");
    noSender.remove("From");
    Map<String, String> noBody = form("+12015550123", "Hi");
    noBody.remove("Body");

    assertThat(json(create(noTo)).get("code").asInt()).isEqualTo(21604);
    assertThat(json(create(noSender)).get("code").asInt()).isEqualTo(21603);
    assertThat(json(create(noBody)).get("code").asInt()).isEqualTo(21602);
    assertThat(json(create(form("2015550123", "Hi"))).get("code").asInt()).isEqualTo(21211);
    assertThat(json(create(form("+12015550123", "x".repeat(1601)))).get("code").asInt())
        .isEqualTo(21617);
    assertThat(emulator.createRequests()).isEqualTo(5);
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void a_message_can_be_fetched_by_sid_and_moves_to_delivered_without_a_callback_url()
      throws Exception {
    String sid = json(create(form("+12015550123", "Hi"))).get("sid").asText();
    String url =
        emulator.baseUrl()
            + "/2010-04-01/Accounts/"
            + emulator.accountSid()
            + "/Messages/"
            + sid
            + ".json";

    JsonNode fetched = json(get(url));
    assertThat(fetched.get("sid").asText()).isEqualTo(sid);
    assertThat(awaitStatus(sid, "delivered")).isEqualTo("delivered");
    assertThat(json(get(url)).get("status").asText()).isEqualTo("delivered");
    assertThat(get(url.replace(sid, "SM" + "f".repeat(32))).statusCode()).isEqualTo(404);
  }

  @Test
  void the_message_list_can_be_filtered_by_destination() throws Exception {
    create(form("+12015550123", "one"));
    create(form("+12015550199", "two"));
    create(form("+12015550123", "three"));

    JsonNode page = json(get(messagesUrl() + "?To=%2B12015550123"));

    assertThat(page.get("messages")).hasSize(2);
    assertThat(page.get("messages").get(0).get("body").asText()).isEqualTo("three");
    assertThat(page.get("next_page_uri").isNull()).isTrue();
    assertThat(emulator.createdMessagesTo("+12015550199")).hasSize(1);
  }

  @Test
  void the_message_list_pages_with_next_page_uri_as_twilio_does() throws Exception {
    for (int i = 0; i < 5; i++) {
      create(form("+12015550123", "page " + i));
    }

    JsonNode first = json(get(messagesUrl() + "?To=%2B12015550123&PageSize=2"));
    JsonNode second = json(get(emulator.baseUrl() + first.get("next_page_uri").asText()));
    JsonNode third = json(get(emulator.baseUrl() + second.get("next_page_uri").asText()));

    assertThat(first.get("messages"))
        .extracting(m -> m.get("body").asText())
        .containsExactly("page 4", "page 3");
    assertThat(first.get("page_size").asInt()).isEqualTo(2);
    assertThat(first.get("next_page_uri").asText()).contains("To=%2B12015550123", "PageToken=PA");
    assertThat(second.get("messages"))
        .extracting(m -> m.get("body").asText())
        .containsExactly("page 2", "page 1");
    assertThat(third.get("messages"))
        .extracting(m -> m.get("body").asText())
        .containsExactly("page 0");
    assertThat(third.get("next_page_uri").isNull()).isTrue();
  }

  @Test
  void the_account_answers_with_the_right_credentials_only() throws Exception {
    String url = emulator.baseUrl() + "/2010-04-01/Accounts/" + emulator.accountSid() + ".json";

    HttpResponse<String> account = get(url);
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basicAuth(emulator.accountSid(), "not-the-token"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(json(account).get("sid").asText()).isEqualTo(emulator.accountSid());
    assertThat(json(account).get("status").asText()).isEqualTo("active");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(get(url.replace(emulator.accountSid(), "AC" + "0".repeat(32))).statusCode())
        .isEqualTo(404);
  }

  @Test
  void unknown_paths_and_methods_are_refused() throws Exception {
    assertThat(
            get(emulator.baseUrl()
                    + "/2010-04-01/Accounts/"
                    + emulator.accountSid()
                    + "/Calls.json")
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> delete =
        http.send(
            HttpRequest.newBuilder(URI.create(messagesUrl()))
                .header("Authorization", basicAuth(emulator.accountSid(), emulator.authToken()))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(405);
  }

  @Test
  void a_failed_callback_is_tried_again_and_arrives_signed() throws Exception {
    try (CallbackReceiver webhooks = new CallbackReceiver()) {
      webhooks.answerNext(503);
      Map<String, String> form = form("+12015550123", "Hi & bye");
      form.put("StatusCallback", webhooks.baseUrl() + "/webhook/twilio/status?message_id=a%20b");

      create(form);

      Received sent = webhooks.next();
      Received delivered = webhooks.next();
      assertThat(sent.param("MessageStatus")).isEqualTo("sent");
      assertThat(delivered.param("MessageStatus")).isEqualTo("delivered");
      for (Received callback : List.of(sent, delivered)) {
        assertThat(callback.rawQuery()).isEqualTo("message_id=a%20b");
        assertThat(callback.isSignedWith(emulator.authToken(), webhooks.baseUrl())).isTrue();
      }
      assertThat(webhooks.requests()).isEqualTo(3);
    }
  }

  @Test
  void an_undelivered_message_ends_with_error_30003_in_the_callback_and_the_resource()
      throws Exception {
    try (CallbackReceiver webhooks = new CallbackReceiver()) {
      Map<String, String> form = form(TwilioEmulator.UNDELIVERED, "Hi");
      form.put("StatusCallback", webhooks.baseUrl() + "/webhook/twilio/status");

      String sid = json(create(form)).get("sid").asText();

      assertThat(webhooks.next().param("MessageStatus")).isEqualTo("sent");
      Received last = webhooks.next();
      assertThat(last.param("MessageStatus")).isEqualTo("undelivered");
      assertThat(last.param("ErrorCode")).isEqualTo("30003");
      EmulatedMessage message = emulator.message(sid).orElseThrow();
      assertThat(message.status()).isEqualTo("undelivered");
      assertThat(message.errorCode()).isEqualTo(30003);
    }
  }

  @Test
  void it_listens_on_the_port_it_is_given() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    try (TwilioEmulator onPort = TwilioEmulator.builder().port(port).start()) {
      assertThat(onPort.port()).isEqualTo(port);
      assertThat(onPort.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
    }
  }

  private String awaitStatus(String sid, String status) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      String current = emulator.message(sid).orElseThrow().status();
      if (current.equals(status)) {
        return current;
      }
      Thread.sleep(25);
    }
    return emulator.message(sid).orElseThrow().status();
  }
}
