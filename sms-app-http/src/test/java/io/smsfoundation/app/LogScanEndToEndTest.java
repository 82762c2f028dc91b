package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.API_KEY;
import static io.smsfoundation.app.TestApplication.AUTH_TOKEN;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import io.smsfoundation.app.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The log of a whole run, written by the production JSON encoder: inbound SMS, a duplicate, a
 * forged webhook, a send that reaches delivered through status callbacks, our own status callback,
 * a tenant link through the Monitor, a number the Monitor does not know, conversation reads in
 * several phone formats; then bad input (NUL, broken escapes, a conflicting status callback),
 * database failures (statements the database refuses, a lock held elsewhere, the database gone) and
 * a burst of fuzzed requests built from the same numbers and bodies. No line may hold a full phone
 * number (in any format used), a message body, the API key, the auth token, the Monitor token or a
 * signature, not even in an error's stack trace; the fields an operator searches by must be there.
 */
class LogScanEndToEndTest {

  private static final String TENANT_PHONE = "+13125557341";
  private static final String STRANGER_PHONE = "+13125558462";
  private static final String RECIPIENT = "+13125559583";
  private static final String TENANT_ID = "tenant-log-7341";

  private static final String INBOUND_BODY = "Hola, mañana pago la renta del departamento 4B";
  private static final String STRANGER_BODY = "Who is this? Wrong number maybe";
  private static final String FORGED_BODY = "Transfer the deposit to account 998877";
  private static final String SENT_BODY = "Your rent receipt R-48213 is ready";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PostgresTestDatabase.Schema schema;
  private static TcpProxy proxy;
  private static FakeMonitor monitor;
  private static CapturedLog log;
  private static TestApplication app;
  private static final List<String> signatures = new ArrayList<>();
  private static String inboundSid;
  private static String basicAuth;
  private static List<JsonNode> lines;
  private static String text;

  @BeforeAll
  static void runTheScenario() {
    monitor = new FakeMonitor();
    // the Monitor knows the tenant by the national number: the lookup goes through the variants
    monitor.addTenant(TENANT_ID, "3125557341", "es");
    schema = PostgresTestDatabase.createSchema(false);
    proxy = TestDatabases.proxyFor(schema);
    log = new CapturedLog();
    app =
        TestApplication.start(
            Map.of(
                AppConfig.LOG_FORMAT,
                "json",
                AppConfig.DATABASE_URL,
                TestDatabases.urlThrough(schema, proxy),
                AppConfig.MONITOR_API_URL,
                monitor.url(),
                AppConfig.MONITOR_API_TOKEN,
                FakeMonitor.TOKEN));
    basicAuth =
        Base64.getEncoder()
            .encodeToString(
                (app.application().localCredentials().orElseThrow().accountSid() + ":" + AUTH_TOKEN)
                    .getBytes(StandardCharsets.UTF_8));

    // inbound, then the same webhook again, then a forged one
    inboundSid = newSid();
    Map<String, String> inbound = inboundForm(inboundSid, TENANT_PHONE, INBOUND_BODY);
    assertThat(signed("/webhook/twilio/sms", inbound, "log-scan-inbound").statusCode())
        .isEqualTo(200);
    assertThat(signed("/webhook/twilio/sms", inbound, "log-scan-duplicate").statusCode())
        .isEqualTo(200);
    String forged =
        TwilioSignatures.signSingleValued(
            "not-the-auth-token",
            app.application().publicBaseUrl() + "/webhook/twilio/sms",
            inbound);
    signatures.add(forged);
    Map<String, String> forgedForm = inboundForm(newSid(), TENANT_PHONE, FORGED_BODY);
    assertThat(app.webhook("/webhook/twilio/sms", forgedForm, forged).statusCode()).isEqualTo(403);
    assertThat(
            signed(
                    "/webhook/twilio/sms",
                    inboundForm(newSid(), STRANGER_PHONE, STRANGER_BODY),
                    null)
                .statusCode())
        .isEqualTo(200);

    // a send that the emulator delivers, with its callbacks, and one callback of our own
    HttpResponse<String> sent = app.send(RECIPIENT, SENT_BODY);
    assertThat(sent.statusCode()).isEqualTo(202);
    String messageId = json(sent).get("message_id").asText();
    JsonNode delivered =
        eventually(
            () -> json(app.get("/messages/" + messageId)),
            m -> m.get("delivery_status").asText().equals("delivered"));
    Map<String, String> read = new LinkedHashMap<>();
    read.put("MessageSid", delivered.get("twilio_sid").asText());
    read.put("MessageStatus", "read");
    read.put("To", RECIPIENT);
    assertThat(signed("/webhook/twilio/status?message_id=" + messageId, read, null).statusCode())
        .isEqualTo(200);

    // the tenant is linked in the background; the conversation is read in several formats
    eventually(
        () -> json(app.get("/conversations/" + encode(TENANT_PHONE))),
        page -> page.at("/conversation/tenant_id").asText().equals(TENANT_ID));
    eventually(monitor::lookups, asked -> asked.contains("13125558462"));
    assertThat(app.get("/conversations/3125557341").statusCode()).isEqualTo(200);
    assertThat(app.get("/conversations/(312)%20555-7341").statusCode()).isEqualTo(200);
    assertThat(app.get("/conversations/" + encode(RECIPIENT)).statusCode()).isEqualTo(200);

    badInput(messageId);
    databaseFailures();
    fuzz();

    app.close();
    text = log.text();
    log.close();
    lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
  }

  /** Input that is refused, or stored only once made storable, all of it naming the numbers. */
  private static void badInput(String sentMessageId) {
    Map<String, String> nul = inboundForm(newSid(), TENANT_PHONE, INBOUND_BODY + "\0");
    assertThat(signed("/webhook/twilio/sms", nul, null).statusCode()).isEqualTo(200);
    assertThat(
            app.postJson(
                    "/sms/send",
                    "{\"to\":\"" + RECIPIENT + "\",\"body\":\"" + SENT_BODY + "\\u0000\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(app.send("(312) 555-7341 ext", SENT_BODY).statusCode()).isEqualTo(400);
    RawHttp raw = new RawHttp(app.application().port());
    Map<String, String> key = Map.of("Authorization", "Bearer " + API_KEY);
    assertThat(raw.send("GET", "/conversations/%2B13125557341%u002F", key, null).status())
        .isEqualTo(400);
    assertThat(raw.send("GET", "/conversations/" + "3125557341".repeat(900), key, null).status())
        .isEqualTo(414);
    // a status callback whose SID and status are not what Twilio sends, and one whose ids conflict
    Map<String, String> strange = new LinkedHashMap<>();
    strange.put("MessageSid", TENANT_PHONE);
    strange.put("MessageStatus", STRANGER_PHONE);
    assertThat(signed("/webhook/twilio/status", strange, null).statusCode()).isEqualTo(200);
    Map<String, String> conflicting = new LinkedHashMap<>();
    conflicting.put("MessageSid", inboundSid);
    conflicting.put("MessageStatus", "delivered");
    conflicting.put("To", RECIPIENT);
    assertThat(
            signed("/webhook/twilio/status?message_id=" + sentMessageId, conflicting, null)
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * Statements the database refuses with the values in its message (a check that quotes the whole
   * row), a lock held elsewhere, and the database gone.
   */
  private static void databaseFailures() {
    schema.execute(
        "alter table sms_messages add constraint log_scan_refuses"
            + " check (message_content not like '%renta%') not valid");
    schema.execute(
        "alter table sms_conversations add constraint log_scan_refuses_stranger"
            + " check (phone_number_canonical <> '"
            + STRANGER_PHONE
            + "') not valid");
    assertThat(
            signed("/webhook/twilio/sms", inboundForm(newSid(), TENANT_PHONE, INBOUND_BODY), null)
                .statusCode())
        .isEqualTo(500);
    assertThat(
            signed(
                    "/webhook/twilio/sms",
                    inboundForm(newSid(), STRANGER_PHONE, STRANGER_BODY),
                    null)
                .statusCode())
        .isEqualTo(500);
    schema.execute("alter table sms_messages drop constraint log_scan_refuses");
    schema.execute("alter table sms_conversations drop constraint log_scan_refuses_stranger");

    try (Connection holder = schema.tools().getConnection()) {
      holder.setAutoCommit(false);
      holder
          .createStatement()
          .execute(
              "select * from sms_conversations where phone_number_canonical = '"
                  + TENANT_PHONE
                  + "' for update");
      assertThat(
              signed(
                      "/webhook/twilio/sms",
                      inboundForm(newSid(), TENANT_PHONE, "locked " + INBOUND_BODY),
                      null)
                  .statusCode())
          .isEqualTo(503);
      holder.rollback();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }

    proxy.cut();
    try {
      assertThat(
              signed("/webhook/twilio/sms", inboundForm(newSid(), TENANT_PHONE, INBOUND_BODY), null)
                  .statusCode())
          .isEqualTo(503);
      assertThat(app.send(RECIPIENT, SENT_BODY).statusCode()).isEqualTo(503);
      assertThat(app.get("/conversations/" + encode(TENANT_PHONE)).statusCode()).isEqualTo(503);
    } finally {
      proxy.restore();
    }
    eventually(
        () -> app.call("GET", "/health/ready", null, Map.of()).statusCode(),
        status -> status == 200);
  }

  /** Fuzzed requests made of the scenario's numbers and bodies. */
  private static void fuzz() {
    List<String> phones = new ArrayList<>();
    for (String phone : List.of(TENANT_PHONE, STRANGER_PHONE, RECIPIENT)) {
      phones.add(phone);
      phones.add(phone.substring(2));
    }
    List<String> none = new ArrayList<>();
    new RequestFuzzer(
            app,
            new Random(7341),
            null,
            phones,
            List.of(INBOUND_BODY, STRANGER_BODY, FORGED_BODY, SENT_BODY),
            List.of(),
            List.of(),
            attempt -> {},
            (sid, body) -> none.add(sid))
        .run(400);
  }

  @AfterAll
  static void stop() {
    try {
      monitor.close();
    } finally {
      proxy.close();
      schema.close();
    }
  }

  private static HttpResponse<String> signed(
      String path, Map<String, String> form, String requestId) {
    String signature =
        TwilioSignatures.signSingleValued(
            AUTH_TOKEN, app.application().publicBaseUrl() + path, form);
    signatures.add(signature);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("X-Twilio-Signature", signature);
    if (requestId != null) {
      headers.put("X-Request-Id", requestId);
    }
    return app.call("POST", path, TestApplication.formBody(form), headers);
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("not a JSON line: " + line, e);
    }
  }

  @Test
  void no_line_holds_a_phone_number_a_body_or_a_secret() {
    assertThat(lines).hasSizeGreaterThan(30);
    List<String> forbidden = new ArrayList<>();
    for (String phone : List.of(TENANT_PHONE, STRANGER_PHONE, RECIPIENT)) {
      String national = phone.substring(2);
      forbidden.add(phone);
      forbidden.add(phone.substring(1));
      forbidden.add(national);
      forbidden.add(encode(phone));
      forbidden.add("%2B" + phone.substring(1));
      forbidden.add(
          "("
              + national.substring(0, 3)
              + ") "
              + national.substring(3, 6)
              + "-"
              + national.substring(6));
      forbidden.add(
          "("
              + national.substring(0, 3)
              + ")%20"
              + national.substring(3, 6)
              + "-"
              + national.substring(6));
    }
    forbidden.addAll(List.of(INBOUND_BODY, STRANGER_BODY, FORGED_BODY, SENT_BODY));
    forbidden.addAll(List.of("pago la renta", "Wrong number", "998877", "R-48213"));
    forbidden.addAll(List.of(API_KEY, AUTH_TOKEN, FakeMonitor.TOKEN, basicAuth));
    forbidden.addAll(signatures);

    assertThat(forbidden).allSatisfy(secret -> assertThat(text).doesNotContain(secret));
  }

  @Test
  void the_scan_saw_errors_with_stack_traces_and_outages() {
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(text(l, "level")).isEqualTo("ERROR");
              assertThat(text(l, "stack_trace")).contains("sms_messages");
            });
    assertThat(lines)
        .anySatisfy(l -> assertThat(text(l, "message")).startsWith("database unavailable"));
    assertThat(lines).anySatisfy(l -> assertThat(text(l, "message")).contains("55P03"));
    assertThat(lines).anySatisfy(l -> assertThat(text(l, "outcome")).isEqualTo("conflicting"));
  }

  @Test
  void every_line_is_a_json_object_with_time_level_logger_and_message() {
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.isObject()).isTrue();
              assertThat(line.has("@timestamp")).as(line.toString()).isTrue();
              assertThat(line.has("level")).as(line.toString()).isTrue();
              assertThat(line.has("logger_name")).as(line.toString()).isTrue();
              assertThat(line.has("message")).as(line.toString()).isTrue();
            });
  }

  @Test
  void access_lines_carry_route_status_duration_outcome_and_ids() {
    JsonNode accepted =
        one(
            l ->
                "log-scan-inbound".equals(text(l, "request_id"))
                    && "accepted".equals(text(l, "outcome")));
    assertThat(text(accepted, "route")).isEqualTo("POST /webhook/twilio/sms");
    assertThat(accepted.get("status").asInt()).isEqualTo(200);
    assertThat(accepted.get("duration_ms").isNumber()).isTrue();
    assertThat(text(accepted, "twilio_sid")).isEqualTo(inboundSid);
    assertThat(text(accepted, "conversation_id")).isNotBlank();

    JsonNode duplicate =
        one(
            l ->
                "log-scan-duplicate".equals(text(l, "request_id"))
                    && "duplicate".equals(text(l, "outcome"))
                    && l.has("status"));
    assertThat(text(duplicate, "twilio_sid")).isEqualTo(inboundSid);
    assertThat(text(duplicate, "request_id")).isEqualTo("log-scan-duplicate");

    // the first refused signature is the forged webhook (the fuzzing sends more later)
    JsonNode forged =
        lines.stream()
            .filter(l -> "invalid_signature".equals(text(l, "outcome")))
            .findFirst()
            .orElseThrow();
    assertThat(forged.get("status").asInt()).isEqualTo(403);
    assertThat(text(forged, "route")).isEqualTo("POST /webhook/twilio/sms");

    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(text(l, "route")).isEqualTo("POST /webhook/twilio/status");
              assertThat(text(l, "outcome")).matches("status [a-z_]+ -> [a-z_]+");
              assertThat(text(l, "twilio_sid")).startsWith("SM");
              assertThat(text(l, "message_id")).isNotBlank();
            });
  }

  @Test
  void the_service_lines_of_a_request_carry_its_request_id() {
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(text(l, "request_id")).isEqualTo("log-scan-inbound");
              assertThat(text(l, "logger_name")).contains("ReceiveInboundSmsService");
            });
  }

  @Test
  void tenant_lookups_and_links_carry_outcome_and_tenant() {
    assertThat(lines).anySatisfy(l -> assertThat(text(l, "outcome")).isEqualTo("found"));
    assertThat(lines).anySatisfy(l -> assertThat(text(l, "outcome")).isEqualTo("not_found"));
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(text(l, "tenant_id")).isEqualTo(TENANT_ID);
              assertThat(text(l, "job")).isEqualTo("link-tenant");
              assertThat(text(l, "conversation_id")).isNotBlank();
            });
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(text(l, "route")).isEqualTo("GET /conversations/{phone}");
              assertThat(text(l, "tenant_id")).isEqualTo(TENANT_ID);
              assertThat(text(l, "conversation_id")).isNotBlank();
            });
  }

  private static JsonNode one(Predicate<JsonNode> matching) {
    List<JsonNode> found = lines.stream().filter(matching).toList();
    assertThat(found).as("log lines matching").hasSize(1);
    return found.getFirst();
  }

  private static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
