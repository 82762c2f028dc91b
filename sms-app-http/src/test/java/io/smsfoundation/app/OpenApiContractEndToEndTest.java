package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.API_KEY;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.emulator.EmulatedCalls;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.app.OpenApiDescription.Operation;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.domain.message.RawForm;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real responses against {@code docs/openapi.yaml}: the service runs on real PostgreSQL (through a
 * proxy the test cuts at the end, for the 503s), the Twilio emulator, a metrics token and a low
 * send rate; every endpoint is called in its usual and its error cases, every response is recorded,
 * and each one must be documented (path template, method, status, required headers, content type)
 * and match its schema. Every operation the document describes must have been called.
 */
class OpenApiContractEndToEndTest {

  private static final String SECOND_KEY = "second-api-key-0123456789abcdef";
  private static final String METRICS_TOKEN = "metrics-token-0123456789abcdef";
  // enough for every send of the first key below (an oversized body counts: the rate is checked
  // before the body is read)
  private static final int SEND_RATE = 10;

  private static final List<HttpResponse<String>> responses = new CopyOnWriteArrayList<>();
  private static final OpenApiDescription openApi =
      new OpenApiDescription(ProjectFiles.file("docs/openapi.yaml"));

  private static PostgresTestDatabase.Schema schema;
  private static TcpProxy proxy;
  private static TestApplication app;

  @BeforeAll
  static void runEveryEndpoint() {
    schema = PostgresTestDatabase.createSchema(false);
    proxy = TestDatabases.proxyFor(schema);
    app =
        TestApplication.start(
            Map.of(
                AppConfig.DATABASE_URL,
                TestDatabases.urlThrough(schema, proxy),
                AppConfig.SMS_API_KEYS,
                API_KEY + "," + SECOND_KEY,
                AppConfig.METRICS_TOKEN,
                METRICS_TOKEN,
                AppConfig.SMS_SEND_RATE_PER_MINUTE,
                Integer.toString(SEND_RATE)));
    app.recordTo(responses::add);
    exerciseEveryEndpoint();
    exerciseTheDatabaseOutage();
  }

  @AfterAll
  static void stop() {
    try {
      app.close();
    } finally {
      proxy.close();
      schema.close();
    }
  }

  private static void exerciseEveryEndpoint() {
    String phone = "+12015554101";
    // inbound webhook: new, duplicate, forged, unsigned, malformed, too large
    Map<String, String> inbound = inboundForm(newSid(), phone, "Hola, ¿cuándo viene el técnico?");
    assertThat(app.webhook("/webhook/twilio/sms", inbound).statusCode()).isEqualTo(200);
    app.webhook("/webhook/twilio/sms", inbound);
    app.webhook(
        "/webhook/twilio/sms", inboundForm(newSid(), phone, "forged"), "bm90LWEtc2lnbmF0dXJl");
    app.webhook("/webhook/twilio/sms", inboundForm(newSid(), phone, "unsigned"), null);
    Map<String, String> noSender = inboundForm(newSid(), phone, "no sender");
    noSender.remove("From");
    app.webhook("/webhook/twilio/sms", noSender);
    app.oversized(
        "POST",
        "/webhook/twilio/sms",
        "Body=" + "x".repeat(70_000),
        Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", "x"));

    // send: accepted, replayed, mismatch, invalid, unauthorized, too large
    HttpResponse<String> sent =
        app.send("+12015554102", "Your receipt is ready.", "Idempotency-Key", "openapi-1");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    String messageId = json(sent).get("message_id").asText();
    app.send("+12015554102", "Your receipt is ready.", "Idempotency-Key", "openapi-1");
    app.send("+12015554102", "Another body", "Idempotency-Key", "openapi-1");
    app.postJson("/sms/send", "{\"to\": \"12\", \"body\": \"\"}");
    String conversationId = json(sent).get("conversation_id").asText();
    HttpResponse<String> byConversation =
        app.postJson(
            "/sms/send",
            "{\"conversation_id\": \"" + conversationId + "\", \"body\": \"Thanks!\"}");
    assertThat(byConversation.statusCode()).as(byConversation.body()).isEqualTo(202);
    assertThat(
            app.postJson(
                    "/sms/send",
                    "{\"conversation_id\": \"0190a1b2-0000-7000-8000-000000000000\","
                        + " \"body\": \"Hi\"}")
                .statusCode())
        .isEqualTo(404);
    app.call("POST", "/sms/send", "{}", Map.of("Content-Type", "application/json"));
    app.oversized(
        "POST",
        "/sms/send",
        "{\"to\":\"+12015554102\",\"body\":\"" + "x".repeat(70_000) + "\"}",
        TestApplication.withAuth());
    // opted out: Twilio answers 21610 for this number, and the next send is refused
    String unsubscribed = TwilioEmulator.UNSUBSCRIBED;
    String refusedId = json(app.send(unsubscribed, "Are you there?")).get("message_id").asText();
    eventually(
        () -> json(app.get("/messages/" + refusedId)),
        m -> m.get("delivery_status").asText().equals("failed"));
    app.send(unsubscribed, "Again?");
    // the second key runs out of sends
    for (int i = 0; i <= SEND_RATE; i++) {
      app.call(
          "POST",
          "/sms/send",
          "{}",
          Map.of("Authorization", "Bearer " + SECOND_KEY, "Content-Type", "application/json"));
    }

    exerciseEvents();
    exerciseCalls();

    // status callbacks: with and without our id, forged, bad id
    String sid =
        eventually(
                () -> json(app.get("/messages/" + messageId)),
                m -> m.get("delivery_status").asText().equals("delivered"))
            .get("twilio_sid")
            .asText();
    app.status(sid, "read", messageId);
    app.status(sid, "delivered", null);
    app.status(newSid(), "sent", null);
    Map<String, String> callback = new LinkedHashMap<>();
    callback.put("MessageSid", sid);
    callback.put("MessageStatus", "sent");
    app.webhook("/webhook/twilio/status", callback, "bm90LWEtc2lnbmF0dXJl");
    Map<String, String> olderStatusName = new LinkedHashMap<>();
    olderStatusName.put("SmsSid", sid);
    olderStatusName.put("SmsStatus", "read");
    assertThat(app.webhook("/webhook/twilio/status", olderStatusName).statusCode()).isEqualTo(200);
    assertThat(app.webhook("/webhook/twilio/status", Map.of("MessageSid", sid)).statusCode())
        .isEqualTo(400);
    app.webhook("/webhook/twilio/status?message_id=not-a-uuid", callback);

    // reads
    app.get("/messages/" + messageId);
    app.get("/messages/" + refusedId);
    app.get("/messages/0190a1b2-0000-7000-8000-000000000000");
    app.get("/messages/not-a-uuid");
    app.call("GET", "/messages/" + messageId, null, Map.of());
    HttpResponse<String> firstPage = app.get("/conversations/" + encode(phone) + "?limit=1");
    app.get("/conversations/" + phone.substring(2));
    app.get("/conversations/" + encode("+12015554102"));
    app.get("/conversations/" + encode(unsubscribed));
    app.get(
        "/conversations/"
            + encode(phone)
            + "?limit=1&cursor="
            + encode(json(firstPage).get("next_cursor").asText("")));
    app.get("/conversations/%2B19995554199");
    app.get("/conversations/" + encode(phone) + "?limit=500");
    app.call("GET", "/conversations/" + encode(phone), null, Map.of());

    // workflow
    app.putJson(
        "/conversations/" + encode(phone) + "/workflow",
        "{\"workflow_type\": \"collections\", \"workflow_id\": \"case-7\"}");
    app.putJson("/conversations/" + encode(phone) + "/workflow", "{\"workflow_type\": 7}");
    app.putJson("/conversations/%2B19995554199/workflow", "{\"workflow_type\": \"x\"}");
    app.call(
        "PUT",
        "/conversations/" + encode(phone) + "/workflow",
        "{}",
        Map.of("Content-Type", "application/json"));
    app.oversized(
        "PUT",
        "/conversations/" + encode(phone) + "/workflow",
        "{\"workflow_id\": \"" + "x".repeat(70_000) + "\"}",
        TestApplication.withAuth());

    // tenant by hand: set, cleared, missing field, unknown conversation
    app.putJson(
        "/conversations/" + encode(phone) + "/tenant", "{\"tenant_id\": \"tenant-openapi\"}");
    app.putJson("/conversations/" + encode(phone) + "/tenant", "{\"tenant_id\": null}");
    app.putJson("/conversations/" + encode(phone) + "/tenant", "{}");
    app.putJson("/conversations/%2B19995554199/tenant", "{\"tenant_id\": \"x\"}");
    // refused before any endpoint runs: long URI, large headers, another media type
    app.get("/conversations/" + "1".repeat(9_000));
    app.call(
        "GET",
        "/messages/" + messageId,
        null,
        Map.of("Authorization", "Bearer " + API_KEY, "X-Padding", "p".repeat(9_000)));
    app.call(
        "POST",
        "/sms/send",
        "to=%2B12015554102&body=hi",
        Map.of(
            "Authorization",
            "Bearer " + API_KEY,
            "Content-Type",
            "application/x-www-form-urlencoded"));
    app.call(
        "PUT",
        "/conversations/" + encode(phone) + "/workflow",
        "workflow_type=x",
        Map.of("Authorization", "Bearer " + API_KEY, "Content-Type", "text/plain"));

    // operations
    app.call("GET", "/health", null, Map.of("X-Request-Id", "openapi-health-1"));
    app.call("GET", "/health/ready", null, Map.of());
    app.call("GET", "/health/live", null, Map.of());
    app.call("GET", "/metrics", null, Map.of("Authorization", "Bearer " + METRICS_TOKEN));
    app.call("GET", "/metrics", null, Map.of());
    app.call("GET", "/metrics", null, Map.of("Authorization", "Bearer wrong-token-0123456789"));
  }

  /** The database goes away: every endpoint that needs it answers 503, in parallel to save time. */
  private static void exerciseTheDatabaseOutage() {
    proxy.cut();
    eventually(() -> app.call("GET", "/health/ready", null, Map.of()), r -> r.statusCode() == 503);
    List<Supplier<HttpResponse<String>>> calls = new ArrayList<>();
    calls.add(() -> app.inbound("+12015554103", "during the outage"));
    calls.add(() -> app.status(newSid(), "delivered", null));
    calls.add(() -> app.send("+12015554103", "while down"));
    calls.add(
        () ->
            app.webhook(
                "/webhook/twilio/voice",
                Map.of(
                    "CallSid",
                    "CA" + newSid().substring(2),
                    "From",
                    "+12015554103",
                    "To",
                    "+1500")));
    calls.add(() -> app.get("/messages/0190a1b2-0000-7000-8000-000000000001"));
    calls.add(() -> app.get("/conversations/%2B12015554101"));
    calls.add(
        () ->
            app.putJson(
                "/conversations/%2B12015554101/workflow", "{\"workflow_type\": \"collections\"}"));
    calls.add(() -> app.call("GET", "/health", null, Map.of()));
    calls.add(() -> app.call("GET", "/health/live", null, Map.of()));
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
      calls.forEach(call -> running.add(CompletableFuture.supplyAsync(call, parallel)));
      running.forEach(CompletableFuture::join);
    }
  }

  /** The voice webhooks and the calls API: answered, repeated, forged, incomplete, missing. */
  private static void exerciseCalls() {
    String from = "+12015554120";
    String sid = "CA" + newSid().substring(2);
    String account = "AC" + "0".repeat(32);
    String base = app.application().publicBaseUrl().toString();
    RawForm form =
        TwilioWebhookForms.incomingCall(account, sid, from, TestApplication.TWILIO_NUMBER);
    HttpResponse<String> answered =
        app.webhookSignedFor("/webhook/twilio/voice", base + "/webhook/twilio/voice", form);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    app.webhookSignedFor("/webhook/twilio/voice", base + "/webhook/twilio/voice", form);
    app.webhook(
        "/webhook/twilio/voice",
        Map.of("CallSid", "CA" + newSid().substring(2), "From", from, "To", "+15005550006"),
        "bm90LWEtc2lnbmF0dXJl");
    app.webhook("/webhook/twilio/voice", Map.of("CallSid", "CA" + newSid().substring(2)));
    // no dialer is configured here: the call is announced, and its status callback ends it
    assertThat(EmulatedCalls.dialAction(answered.body())).isEmpty();
    String callId = json(app.get("/calls/" + sid)).get("id").asText();
    String statusPath = "/webhook/twilio/voice/status?call_id=" + callId;
    HttpResponse<String> ended =
        app.webhookSignedFor(
            statusPath,
            base + statusPath,
            TwilioWebhookForms.callStatus(account, sid, "completed", 12));
    assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    app.webhook("/webhook/twilio/voice/status", Map.of("CallSid", sid));
    assertThat(app.get("/calls/" + sid).statusCode()).isEqualTo(200);
    app.get("/calls/0190a1b2-0000-7000-8000-000000000009");
    assertThat(app.get("/conversations/" + encode(from) + "/calls").statusCode()).isEqualTo(200);
    app.get("/conversations/%2B19995550001/calls");
    app.get("/conversations/" + encode(from) + "/calls?limit=0");
  }

  /** The feed and the subscriptions API, with a receiver that answers. */
  private static void exerciseEvents() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answerNext(500, 500, 500, 500, 500, 500, 500, 500);
      HttpResponse<String> created =
          app.postJson(
              "/subscriptions",
              "{\"url\": \""
                  + receiver.url()
                  + "\", \"event_types\": [\"message.received\"], \"include_unknown\": true}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = json(created).get("id").asText();
      app.postJson("/subscriptions", "{\"url\": \"ftp://x\", \"event_types\": []}");
      app.postJson(
          "/subscriptions", "{\"url\": \"http://x.example\", \"event_types\": [\"nope\"]}");
      app.call("POST", "/subscriptions", "{}", Map.of("Content-Type", "application/json"));
      app.get("/subscriptions");
      app.get("/subscriptions/" + id);
      app.get("/subscriptions/sub_missing");
      app.call(
          "PATCH",
          "/subscriptions/" + id,
          "{\"description\": \"contract test\", \"workflow_types\": []}",
          TestApplication.withAuth());
      app.call(
          "PATCH", "/subscriptions/" + id, "{\"colour\": \"red\"}", TestApplication.withAuth());
      app.call("PATCH", "/subscriptions/sub_missing", "{}", TestApplication.withAuth());
      app.call("POST", "/subscriptions/" + id + "/secret", null, TestApplication.withAuth());
      app.call("POST", "/subscriptions/sub_missing/secret", null, TestApplication.withAuth());

      app.inbound("+12015554190", "an event for the feed");
      JsonNode failed =
          eventually(
              () -> json(app.get("/subscriptions/" + id + "/deliveries?status=pending")),
              page -> page.get("deliveries").size() > 0);
      String deliveryId = failed.at("/deliveries/0/id").asText();
      app.call(
          "POST",
          "/subscriptions/" + id + "/deliveries/" + deliveryId + "/retry",
          null,
          TestApplication.withAuth());
      app.call(
          "POST",
          "/subscriptions/" + id + "/deliveries/dlv_missing/retry",
          null,
          TestApplication.withAuth());
      app.get("/subscriptions/" + id + "/deliveries?status=nonsense");
      app.get("/subscriptions/sub_missing/deliveries");
      JsonNode feed =
          eventually(() -> json(app.get("/events?limit=2")), page -> page.get("events").size() > 0);
      app.get("/events?after=" + feed.get("next_cursor").asText() + "&types=message.received");
      app.get("/events?after=not-a-cursor");
      app.call("GET", "/events", null, Map.of());
      app.call("DELETE", "/subscriptions/" + id, null, TestApplication.withAuth());
      app.call("DELETE", "/subscriptions/" + id, null, TestApplication.withAuth());
    }
  }

  @Test
  void every_response_is_documented_and_matches_its_schema() {
    assertThat(responses).hasSizeGreaterThan(50);
    List<String> problems = new ArrayList<>();
    for (HttpResponse<String> response : responses) {
      String method = response.request().method();
      String path = response.request().uri().getRawPath();
      Optional<Operation> operation = openApi.operationFor(method, path);
      if (operation.isEmpty()) {
        problems.add(method + " " + path + ": no such operation");
        continue;
      }
      openApi
          .problems(operation.get(), response)
          .forEach(
              problem ->
                  problems.add(
                      operation.get()
                          + " -> "
                          + response.statusCode()
                          + ": "
                          + problem
                          + " ["
                          + abbreviate(response.body())
                          + "]"));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void every_documented_operation_was_called() {
    Set<Operation> called = new LinkedHashSet<>();
    for (HttpResponse<String> response : responses) {
      openApi
          .operationFor(response.request().method(), response.request().uri().getRawPath())
          .ifPresent(called::add);
    }

    assertThat(called).containsExactlyInAnyOrderElementsOf(openApi.operations());
  }

  @Test
  void the_usual_and_the_error_statuses_were_all_seen() {
    Set<Integer> statuses = new LinkedHashSet<>();
    responses.forEach(response -> statuses.add(response.statusCode()));

    assertThat(statuses)
        .contains(200, 202, 400, 401, 403, 404, 409, 413, 414, 415, 422, 429, 431, 503);
  }

  @Test
  void every_reference_resolves_and_every_response_schema_compiles() {
    assertThat(openApi.root().get("openapi").asText()).startsWith("3.1.");
    assertThat(openApi.compileAllResponseSchemas()).isGreaterThan(20);
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
