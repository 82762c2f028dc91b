package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbound SMS and the rest of the API over real HTTP, with the Twilio emulator delivering messages
 * and posting signed status callbacks back to the service.
 */
class SendEndToEndTest {

  /** The emulator refuses sends to this number with 21610: the recipient replied STOP. */
  private static final String UNSUBSCRIBED = "+15005550004";

  private static TestApplication app;
  private static int nextNumber = 2000;

  @BeforeAll
  static void start() {
    app = TestApplication.start(Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static synchronized String newPhone() {
    return "+1201555" + nextNumber++;
  }

  private static JsonNode message(String id) {
    HttpResponse<String> response = app.get("/messages/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static JsonNode messageWhen(String id, String status) {
    return eventually(() -> message(id), m -> m.get("delivery_status").asText().equals(status));
  }

  @Test
  void send_is_accepted_and_reaches_delivered_through_status_callbacks() {
    String phone = newPhone();

    HttpResponse<String> response = app.send(phone, "Your rent is due on the 1st.");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode receipt = json(response);
    assertThat(receipt.get("message_id").asText()).isNotBlank();
    assertThat(receipt.get("conversation_id").asText()).isNotBlank();
    assertThat(receipt.get("status").asText()).isNotBlank();
    assertThat(receipt.get("segments").asInt()).isEqualTo(1);
    assertThat(receipt.get("encoding").asText()).isEqualTo("GSM-7");
    JsonNode delivered = messageWhen(receipt.get("message_id").asText(), "delivered");
    assertThat(delivered.get("delivery_status").asText()).isEqualTo("delivered");
    assertThat(delivered.get("twilio_sid").asText()).startsWith("SM");
    assertThat(delivered.get("direction").asText()).isEqualTo("outbound");
    assertThat(delivered.get("status_history"))
        .extracting(event -> event.get("status").asText())
        .contains("sent", "delivered");
    JsonNode page = json(app.get("/conversations/" + encode(phone)));
    assertThat(page.at("/conversation/id").asText())
        .isEqualTo(receipt.get("conversation_id").asText());
  }

  @Test
  void unicode_body_is_counted_in_ucs2_segments() {
    JsonNode receipt = json(app.send(newPhone(), "¿Cuándo pasa el técnico? 🙏".repeat(4)));

    assertThat(receipt.get("encoding").asText()).isEqualTo("UCS-2");
    assertThat(receipt.get("segments").asInt()).isGreaterThan(1);
  }

  @Test
  void late_sent_after_delivered_changes_nothing() {
    String id = json(app.send(newPhone(), "Late callbacks")).get("message_id").asText();
    JsonNode delivered = messageWhen(id, "delivered");
    String sid = delivered.get("twilio_sid").asText();

    HttpResponse<String> late = app.status(sid, "sent", id);
    HttpResponse<String> lateWithoutId = app.status(sid, "queued", null);

    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(late.body()).isEqualTo(TestApplication.EMPTY_TWIML);
    assertThat(lateWithoutId.statusCode()).isEqualTo(200);
    JsonNode after = message(id);
    assertThat(after.get("delivery_status").asText()).isEqualTo("delivered");
  }

  @Test
  void replayed_idempotency_key_returns_the_original_message() {
    String phone = newPhone();
    String body = "Idempotent hello";

    HttpResponse<String> first = app.send(phone, body, "Idempotency-Key", "order-" + phone);
    HttpResponse<String> again = app.send(phone, body, "Idempotency-Key", "order-" + phone);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("message_id").asText())
        .isEqualTo(json(first).get("message_id").asText());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    List<JsonNode> outbound = new ArrayList<>();
    json(app.get("/conversations/" + encode(phone))).get("messages").forEach(outbound::add);
    assertThat(outbound).hasSize(1);
  }

  @Test
  void idempotency_key_reused_for_another_body_is_refused() {
    String phone = newPhone();
    app.send(phone, "first body", "Idempotency-Key", "reuse-" + phone);

    HttpResponse<String> conflict =
        app.send(phone, "other body", "Idempotency-Key", "reuse-" + phone);

    assertError(conflict, 422, "sms.idempotency_mismatch");
  }

  @Test
  void validation_errors_name_every_bad_field() {
    JsonNode missing = assertError(app.postJson("/sms/send", "{}"), 400, "sms.validation_error");
    assertThat(missing.has("to")).isTrue();
    assertThat(missing.has("body")).isTrue();

    JsonNode badNumber = assertError(app.send("12", "hello"), 400, "sms.validation_error");
    assertThat(badNumber.get("to").asText()).contains("phone number");

    JsonNode tooLong =
        assertError(app.send(newPhone(), "x".repeat(1601)), 400, "sms.validation_error");
    assertThat(tooLong.has("body")).isTrue();

    JsonNode wrongType =
        assertError(
            app.postJson("/sms/send", "{\"to\": 12015550100, \"body\": [\"hi\"]}"),
            400,
            "sms.validation_error");
    assertThat(wrongType.has("to")).isTrue();
    assertThat(wrongType.has("body")).isTrue();

    assertError(app.postJson("/sms/send", "{\"to\": \"+1201"), 400, "sms.validation_error");
    assertError(app.postJson("/sms/send", "[1, 2]"), 400, "sms.validation_error");
    assertError(
        app.call(
            "POST",
            "/sms/send",
            new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, '"', '}'},
            Map.of(
                "Authorization",
                "Bearer " + TestApplication.API_KEY,
                "Content-Type",
                "application/json")),
        400,
        "sms.validation_error");
  }

  @Test
  void a_tenant_no_directory_knows_is_not_found() {
    assertError(
        app.postJson("/sms/send", "{\"tenant_id\": \"no-such-tenant\", \"body\": \"hi\"}"),
        404,
        "sms.not_found");
  }

  @Test
  void requests_without_or_with_a_wrong_key_are_unauthorized() {
    HttpResponse<String> none = app.call("GET", "/conversations/%2B12015550100", null, Map.of());
    HttpResponse<String> wrong =
        app.call(
            "GET",
            "/conversations/%2B12015550100",
            null,
            Map.of("Authorization", "Bearer not-the-key-0123456789"));
    HttpResponse<String> basic =
        app.call(
            "POST", "/sms/send", "{}", Map.of("Authorization", "Basic " + TestApplication.API_KEY));

    assertError(none, 401, "sms.unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertError(wrong, 401, "sms.unauthorized");
    assertError(basic, 401, "sms.unauthorized");
  }

  @Test
  void bodies_over_64_kib_are_refused() {
    String huge = "{\"to\":\"+12015550100\",\"body\":\"" + "x".repeat(70_000) + "\"}";

    assertError(
        app.oversized("POST", "/sms/send", huge, TestApplication.withAuth()),
        413,
        "sms.payload_too_large");
    assertError(
        app.oversized(
            "POST",
            "/webhook/twilio/sms",
            "Body=" + "x".repeat(70_000),
            Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", "x")),
        413,
        "sms.payload_too_large");
  }

  @Test
  void unknown_routes_and_methods_get_the_envelope() {
    assertError(app.get("/no/such/thing"), 404, "sms.not_found");
    assertError(app.call("DELETE", "/sms/send", null, Map.of()), 405, "sms.method_not_allowed");
  }

  @Test
  void requests_jetty_refuses_get_the_envelope_too() {
    assertError(
        app.call("GET", "/conversations/%C3%28", null, Map.of()), 400, "sms.validation_error");
    assertError(
        app.call("GET", "/health", null, Map.of("X-Padding", "a".repeat(20_000))),
        431,
        "sms.headers_too_large");
  }

  @Test
  void request_id_is_taken_from_the_request_or_generated() {
    HttpResponse<String> given =
        app.call("GET", "/health", null, Map.of("X-Request-Id", "trace-abc.123"));
    HttpResponse<String> insane =
        app.call("GET", "/health", null, Map.of("X-Request-Id", "bad id with spaces"));
    HttpResponse<String> absent = app.call("GET", "/health", null, Map.of());

    assertThat(given.headers().firstValue("X-Request-Id")).contains("trace-abc.123");
    assertThat(insane.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).isNotEqualTo("bad id with spaces").isNotBlank());
    assertThat(absent.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).isNotBlank());
  }

  @Test
  void message_lookups_answer_404_or_400() {
    assertError(app.get("/messages/0190a1b2-0000-7000-8000-000000000000"), 404, "sms.not_found");
    assertError(app.get("/messages/not-a-uuid"), 400, "sms.validation_error");
    assertError(app.get("/conversations/%2B19995550100"), 404, "sms.not_found");
    assertError(app.get("/conversations/%2B12015550100?limit=0"), 400, "sms.validation_error");
    assertError(app.get("/conversations/%2B12015550100?limit=ten"), 400, "sms.validation_error");
  }

  @Test
  void workflow_is_recorded_on_the_conversation() {
    String phone = newPhone();
    app.inbound(phone, "hello");

    HttpResponse<String> put =
        app.putJson(
            "/conversations/" + encode(phone) + "/workflow",
            "{\"workflow_type\": \"collections\", \"workflow_id\": \"case-42\"}");

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).get("workflow_type").asText()).isEqualTo("collections");
    JsonNode conversation =
        json(app.get("/conversations/" + phone.substring(2))).get("conversation");
    assertThat(conversation.get("workflow_type").asText()).isEqualTo("collections");
    assertThat(conversation.get("workflow_id").asText()).isEqualTo("case-42");
    assertError(
        app.putJson("/conversations/%2B19995550199/workflow", "{\"workflow_type\": \"x\"}"),
        404,
        "sms.not_found");
  }

  @Test
  void recipient_who_unsubscribed_at_twilio_is_opted_out() {
    String id = json(app.send(UNSUBSCRIBED, "Are you there?")).get("message_id").asText();

    JsonNode failed = messageWhen(id, "failed");

    assertThat(failed.get("error_code").asText()).isEqualTo("21610");
    JsonNode conversation = json(app.get("/conversations/" + encode(UNSUBSCRIBED)));
    assertThat(conversation.at("/conversation/opted_out").asBoolean()).isTrue();
    assertError(app.send(UNSUBSCRIBED, "Again?"), 409, "sms.opted_out");
  }

  @Test
  void health_reports_the_database_and_the_twilio_side() {
    HttpResponse<String> response = app.call("GET", "/health", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = json(response);
    assertThat(health.get("ok").asBoolean()).isTrue();
    assertThat(health.get("version").asText()).isNotBlank();
    assertThat(health.at("/checks/database/status").asText()).isEqualTo("ok");
    assertThat(health.at("/checks/database/latency_ms").isNumber()).isTrue();
    assertThat(health.at("/checks/twilio/mode").asText()).isEqualTo("emulator");
    assertThat(health.at("/checks/twilio/credentials").asText()).isEqualTo("generated");
    JsonNode twilio =
        eventually(
            () -> json(app.call("GET", "/health", null, Map.of())).at("/checks/twilio"),
            check -> !check.get("status").asText().equals("pending"));
    assertThat(twilio.get("status").asText()).isEqualTo("ok");
    assertThat(health.at("/checks/monitor/status").asText()).isEqualTo("not_configured");
  }
}
