package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.VoiceConfig;
import io.smsfoundation.app.simulate.SimulateCommand;
import io.smsfoundation.domain.message.RawForm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;

/**
 * Voice calls through the running service over real HTTP with real signatures and a real
 * PostgreSQL: routing by what the database knows, one record per CallSid, the dial's end, the API,
 * the events and the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceEndToEndTest {

  private static final String ACCOUNT = "AC" + "0".repeat(32);
  private static final String DIALFIRE = "+15551230000";
  private static final String ZENDESK = "+15551239999";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestApplication app;

  @BeforeAll
  void start() {
    app =
        TestApplication.start(
            Map.of(
                VoiceConfig.VOICE_DIALERS,
                "dialfire=" + DIALFIRE + ", zendesk_talk=" + ZENDESK,
                VoiceConfig.VOICE_ROUTE_KNOWN,
                "zendesk_talk",
                VoiceConfig.VOICE_DIAL_TIMEOUT,
                "25",
                AppConfig.TWILIO_PHONE_NUMBER,
                TestApplication.TWILIO_NUMBER));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private static String callSid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "CA" + HexFormat.of().formatHex(bytes);
  }

  private static String number() {
    return "+1201555" + String.format("%04d", RANDOM.nextInt(10_000));
  }

  private HttpResponse<String> call(String sid, String from) {
    return post(
        "/webhook/twilio/voice",
        TwilioWebhookForms.incomingCall(ACCOUNT, sid, from, TestApplication.TWILIO_NUMBER));
  }

  private HttpResponse<String> post(String path, RawForm form) {
    return app.webhookSignedFor(path, app.application().publicBaseUrl() + path, form);
  }

  private static Element dial(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
    return (Element)
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
            .getElementsByTagName("Dial")
            .item(0);
  }

  private static String numberOf(Element dial) {
    return dial.getElementsByTagName("Number").item(0).getTextContent();
  }

  private JsonNode callRecord(String idOrSid) {
    HttpResponse<String> response = app.get("/calls/" + idOrSid);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  @Test
  void an_unknown_caller_reaches_the_first_dialer_and_gets_a_conversation() throws Exception {
    String sid = callSid();
    String from = number();

    Element dial = dial(call(sid, from));

    JsonNode call = callRecord(sid);
    assertThat(numberOf(dial)).isEqualTo(DIALFIRE);
    assertThat(dial.getAttribute("callerId")).isEqualTo(TestApplication.TWILIO_NUMBER);
    assertThat(dial.getAttribute("timeout")).isEqualTo("25");
    assertThat(dial.getAttribute("action"))
        .isEqualTo(
            app.application().publicBaseUrl()
                + "/webhook/twilio/voice/status?call_id="
                + call.get("id").asText());
    assertThat(call.get("routed_dialer").asText()).isEqualTo("dialfire");
    assertThat(call.get("routed_to").asText()).isEqualTo(DIALFIRE);
    assertThat(call.get("status").asText()).isEqualTo("routed");
    assertThat(call.get("tenant_id").isNull()).isTrue();
    assertThat(call.get("from").asText()).isEqualTo(from);
    assertThat(call.get("raw_webhook_data").get("CallSid").asText()).isEqualTo(sid);
    JsonNode conversation = json(app.get("/conversations/" + encode(from))).get("conversation");
    assertThat(call.get("conversation_id").asText()).isEqualTo(conversation.get("id").asText());
    // the time from request to written answer is recorded right after the answer is written
    JsonNode timed = eventually(() -> callRecord(sid), c -> !c.get("response_time_ms").isNull());
    assertThat(timed.get("response_time_ms").asLong()).isNotNegative();
  }

  @Test
  void a_caller_whose_conversation_has_a_tenant_reaches_the_known_callers_dialer()
      throws Exception {
    String from = number();
    app.inbound(from, "hello");
    HttpResponse<String> linked =
        app.putJson("/conversations/" + encode(from) + "/tenant", "{\"tenant_id\": \"tenant-9\"}");
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
    String sid = callSid();

    Element dial = dial(call(sid, from));

    assertThat(numberOf(dial)).isEqualTo(ZENDESK);
    JsonNode call = callRecord(sid);
    assertThat(call.get("routed_dialer").asText()).isEqualTo("zendesk_talk");
    assertThat(call.get("tenant_id").asText()).isEqualTo("tenant-9");
  }

  @Test
  void a_repeated_call_sid_is_answered_the_same_and_kept_once() {
    String sid = callSid();
    String from = number();

    HttpResponse<String> first = call(sid, from);
    HttpResponse<String> again = call(sid, from);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    JsonNode calls = json(app.get("/conversations/" + encode(from) + "/calls"));
    assertThat(calls.get("calls")).hasSize(1);
    assertThat(callRecord(sid).get("status_history")).hasSize(2);
  }

  @Test
  void sixteen_concurrent_repeats_of_one_call_are_answered_the_same_and_kept_once()
      throws Exception {
    String sid = callSid();
    String from = number();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<HttpResponse<String>> answers = new ArrayList<>();
    try {
      List<Callable<HttpResponse<String>>> posts =
          IntStream.range(0, 16)
              .<Callable<HttpResponse<String>>>mapToObj(i -> () -> call(sid, from))
              .toList();
      for (Future<HttpResponse<String>> answer : pool.invokeAll(posts)) {
        answers.add(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
    assertThat(rows("select count(*) from sms_calls where call_sid = '" + sid + "'")).isEqualTo(1);
    assertThat(json(app.get("/conversations/" + encode(from) + "/calls")).get("calls")).hasSize(1);
  }

  @Test
  void a_forged_signature_is_refused_with_403_and_nothing_is_kept() {
    String sid = callSid();
    String from = number();
    RawForm form =
        TwilioWebhookForms.incomingCall(ACCOUNT, sid, from, TestApplication.TWILIO_NUMBER);
    String path = "/webhook/twilio/voice";
    HttpResponse<String> forged =
        app.call(
            "POST",
            path,
            TwilioWebhookForms.sign(
                    "not-the-auth-token-0123456789", app.application().publicBaseUrl() + path, form)
                .body(),
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                "X-Twilio-Signature",
                TwilioWebhookForms.sign(
                        "not-the-auth-token-0123456789",
                        app.application().publicBaseUrl() + path,
                        form)
                    .signature()));

    TestApplication.assertError(forged, 403, "sms.forbidden");
    assertThat(app.get("/calls/" + sid).statusCode()).isEqualTo(404);
    assertThat(app.get("/conversations/" + encode(from)).statusCode()).isEqualTo(404);
  }

  @Test
  void the_dial_action_completes_the_call_and_a_late_ringing_changes_nothing() throws Exception {
    String sid = callSid();
    String from = number();
    String action = dial(call(sid, from)).getAttribute("action");
    String actionPath = action.substring(app.application().publicBaseUrl().toString().length());

    HttpResponse<String> ended =
        post(
            actionPath,
            TwilioWebhookForms.dialAction(
                ACCOUNT, sid, from, TestApplication.TWILIO_NUMBER, "completed", 42));
    JsonNode completed = callRecord(sid);
    HttpResponse<String> late =
        post(
            "/webhook/twilio/voice/status",
            TwilioWebhookForms.callStatus(ACCOUNT, sid, "ringing", null));

    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(ended.body()).contains("<Response/>");
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("duration_seconds").asInt()).isEqualTo(42);
    assertThat(completed.get("ended_at").isNull()).isFalse();
    assertThat(completed.get("answered_at").isNull()).isFalse();
    JsonNode after = callRecord(sid);
    assertThat(after.get("status").asText()).isEqualTo("completed");
    assertThat(after.get("status_history")).hasSize(3);
    assertThat(after.get("updated_at")).isEqualTo(completed.get("updated_at"));
    assertThat(after.get("status_history").get(2).get("duration_seconds").asInt()).isEqualTo(42);
  }

  @Test
  void calls_are_listed_newest_first_by_pages_and_read_by_id_or_call_sid() {
    String from = number();
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String sid = callSid();
      call(sid, from);
      sids.add(sid);
    }

    JsonNode first = json(app.get("/conversations/" + encode(from) + "/calls?limit=2"));
    JsonNode second =
        json(
            app.get(
                "/conversations/"
                    + encode(from)
                    + "/calls?limit=2&cursor="
                    + first.get("next_cursor").asText()));

    assertThat(first.get("calls")).hasSize(2);
    assertThat(first.get("calls").get(0).get("call_sid").asText()).isEqualTo(sids.get(2));
    assertThat(first.get("calls").get(1).get("call_sid").asText()).isEqualTo(sids.get(1));
    assertThat(second.get("calls")).hasSize(1);
    assertThat(second.get("calls").get(0).get("call_sid").asText()).isEqualTo(sids.get(0));
    assertThat(second.get("next_cursor").isNull()).isTrue();
    String id = first.get("calls").get(0).get("id").asText();
    assertThat(callRecord(id).get("call_sid").asText()).isEqualTo(sids.get(2));
    assertThat(app.get("/calls/CA" + "f".repeat(32)).statusCode()).isEqualTo(404);
    assertThat(app.get("/conversations/%2B19995550000/calls").statusCode()).isEqualTo(404);
  }

  @Test
  void calls_publish_call_received_and_call_completed_and_are_counted() throws Exception {
    String sid = callSid();
    String from = number();
    String action = dial(call(sid, from)).getAttribute("action");
    post(
        action.substring(app.application().publicBaseUrl().toString().length()),
        TwilioWebhookForms.dialAction(
            ACCOUNT, sid, from, TestApplication.TWILIO_NUMBER, "no-answer", null));
    String callId = callRecord(sid).get("id").asText();

    JsonNode events =
        eventually(
            () -> json(app.get("/events?types=call.received,call.completed&limit=1000")),
            page -> count(page, callId) == 2);

    assertThat(count(events, callId)).isEqualTo(2);
    for (JsonNode event : events.get("events")) {
      if (event.get("data").path("call_id").asText().equals(callId)) {
        assertThat(event.get("data").get("phone_number").asText()).isEqualTo(from);
        assertThat(event.get("data").get("call").get("call_sid").asText()).isEqualTo(sid);
        if (event.get("type").asText().equals("call.completed")) {
          assertThat(event.get("data").get("status").asText()).isEqualTo("no-answer");
        }
      }
    }
    String metrics = app.get("/metrics").body();
    assertThat(metrics)
        .contains("sms_calls_total{dialer=\"dialfire\",outcome=\"routed\"}")
        .contains("sms_calls_total{dialer=\"dialfire\",outcome=\"no-answer\"}")
        .contains("sms_voice_twiml_latency_seconds_bucket");
  }

  @Test
  void each_call_is_logged_in_one_json_line_with_its_routing_and_masked_numbers() {
    String sid = callSid();
    String from = number();
    String line;
    try (CapturedLog log = new CapturedLog()) {
      call(sid, from);
      line =
          eventually(
              () ->
                  log.text()
                      .lines()
                      .filter(l -> l.contains("call answered") && l.contains(sid))
                      .findFirst()
                      .orElse(""),
              found -> !found.isEmpty());
    }

    JsonNode logged = parse(line);
    assertThat(logged.get("decided").asText()).isEqualTo("unknown_caller");
    assertThat(logged.get("dialer").asText()).isEqualTo("dialfire");
    assertThat(logged.get("from").asText()).isEqualTo("***" + from.substring(from.length() - 4));
    assertThat(logged.get("routed_to").asText()).isEqualTo("***0000");
    assertThat(logged.get("received").asText()).isNotBlank();
    assertThat(logged.get("response_time_ms").asLong()).isNotNegative();
    assertThat(line).doesNotContain(from).doesNotContain(DIALFIRE);
  }

  private static JsonNode parse(String line) {
    try {
      return TestApplication.JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  @Test
  void simulate_call_posts_the_call_prints_the_twiml_and_ends_the_dial() {
    String from = number();
    String sid = callSid();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        new SimulateCommand(
                Map.of(AppConfig.TWILIO_AUTH_TOKEN, TestApplication.AUTH_TOKEN),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                new String[] {
                  "call",
                  "--from",
                  from,
                  "--sid",
                  sid,
                  "--status",
                  "completed",
                  "--duration",
                  "42",
                  "--url",
                  app.baseUrl(),
                  "--public-url",
                  app.application().publicBaseUrl().toString()
                });

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed + err).isZero();
    assertThat(printed)
        .contains("call sid: " + sid)
        .contains("<Dial ")
        .contains("<Number>" + DIALFIRE + "</Number>")
        .contains("dial completed after 42 s: HTTP 200");
    JsonNode call = callRecord(sid);
    assertThat(call.get("status").asText()).isEqualTo("completed");
    assertThat(call.get("duration_seconds").asInt()).isEqualTo(42);
  }

  private long rows(String sql) throws Exception {
    try (Connection connection = app.schema().tools().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static long count(JsonNode page, String callId) {
    long n = 0;
    for (JsonNode event : page.get("events")) {
      if (event.get("data").path("call_id").asText().equals(callId)) {
        n++;
      }
    }
    return n;
  }
}
