package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events over real HTTP: the feed, subscriptions, and webhook deliveries to a real receiver, each
 * one checked by the Standard Webhooks reference verifier (written independently of this service).
 */
class EventsEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static PostgresTestDatabase.Schema schema;
  private static TestApplication app;
  private WebhookReceiver receiver;
  private final List<String> subscriptions = new ArrayList<>();

  @BeforeAll
  static void start() {
    schema = PostgresTestDatabase.createSchema(true);
    schema.execute(
        "insert into tenant_profiles (tenant_id, phone_numbers) values"
            + " ('tenant-ev-1', '[\"+12015559001\"]'), ('tenant-ev-2', '[\"+12015559003\"]')");
    app =
        TestApplication.start(
            Map.of(
                AppConfig.DATABASE_URL,
                TestDatabases.urlOf(schema),
                AppConfig.TENANT_DIRECTORY,
                "postgres"));
  }

  @AfterAll
  static void stop() {
    try {
      app.close();
    } finally {
      schema.close();
    }
  }

  @BeforeEach
  void newReceiver() {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void removeSubscriptions() {
    subscriptions.forEach(
        id -> app.call("DELETE", "/subscriptions/" + id, null, TestApplication.withAuth()));
    subscriptions.clear();
    receiver.close();
  }

  private JsonNode subscribe(String types, boolean includeUnknown) {
    HttpResponse<String> created =
        app.postJson(
            "/subscriptions",
            "{\"url\": \""
                + receiver.url()
                + "\", \"event_types\": ["
                + types
                + "], \"include_unknown\": "
                + includeUnknown
                + ", \"description\": \"test receiver\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode subscription = json(created);
    subscriptions.add(subscription.get("id").asText());
    return subscription;
  }

  private static void linkTenant(String phone) {
    app.inbound(phone, "hello");
    eventually(
        () -> json(app.get("/conversations/" + TestApplication.encode(phone))),
        page -> !page.at("/conversation/tenant_id").isNull());
  }

  private static void verify(String secret, WebhookReceiver.Post post) throws Exception {
    new Webhook(secret).verify(post.body(), post.headers());
  }

  @Test
  void a_known_tenants_message_is_delivered_once_and_verifies_with_the_reference_library()
      throws Exception {
    linkTenant("+12015559001");
    JsonNode subscription = subscribe("\"message.received\"", false);

    app.inbound("+12015559001", "La llave del baño gotea otra vez");

    WebhookReceiver.Post post = receiver.next(PATIENCE);
    verify(subscription.get("secret").asText(), post);
    JsonNode event = TestApplication.JSON.readTree(post.body());
    assertThat(event.get("type").asText()).isEqualTo("message.received");
    assertThat(event.get("id").asText()).startsWith("evt_").isEqualTo(post.header("webhook-id"));
    assertThat(event.at("/data/tenant_id").asText()).isEqualTo("tenant-ev-1");
    assertThat(event.at("/data/phone_number").asText()).isEqualTo("+12015559001");
    assertThat(event.at("/data/message/content").asText())
        .isEqualTo("La llave del baño gotea otra vez");
    assertThat(event.at("/data/message/language").asText()).isEqualTo("es");
    Thread.sleep(500);
    assertThat(receiver.drained()).as("exactly one delivery").isEmpty();
  }

  @Test
  void a_tampered_body_or_another_secret_does_not_verify() throws Exception {
    JsonNode subscription = subscribe("\"message.received\"", true);

    app.inbound("+12015559002", "hi");

    WebhookReceiver.Post post = receiver.next(PATIENCE);
    WebhookReceiver.Post tampered =
        new WebhookReceiver.Post(post.headers(), post.body().replace("hi", "ho"), 200);
    assertThatThrownBy(() -> verify(subscription.get("secret").asText(), tampered))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> verify("whsec_" + "A".repeat(43) + "=", post))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void an_unknown_numbers_message_reaches_include_unknown_subscriptions_only_and_always_the_feed()
      throws Exception {
    WebhookReceiver plainReceiver = receiver;
    subscribe("\"message.received\"", false);
    receiver = new WebhookReceiver();
    JsonNode curious = subscribe("\"message.received\"", true);
    String cursor = lastCursor();

    app.inbound("+12015559100", "who is this?");

    verify(curious.get("secret").asText(), receiver.next(PATIENCE));
    JsonNode feed =
        eventually(
            () -> json(app.get("/events?after=" + cursor + "&types=message.received")),
            page -> page.get("events").size() > 0);
    assertThat(feed.at("/events/0/data/phone_number").asText()).isEqualTo("+12015559100");
    assertThat(feed.at("/events/0/data/tenant_id").isNull()).isTrue();
    Thread.sleep(500);
    assertThat(plainReceiver.drained()).isEmpty();
    plainReceiver.close();
  }

  @Test
  void a_receiver_answering_500_then_200_gets_the_same_webhook_id_twice_and_it_ends_delivered()
      throws Exception {
    JsonNode subscription = subscribe("\"message.received\"", true);
    receiver.answerNext(500);

    app.inbound("+12015559101", "is anyone there?");

    WebhookReceiver.Post first = receiver.next(PATIENCE);
    WebhookReceiver.Post second = receiver.next(PATIENCE);
    assertThat(first.answered()).isEqualTo(500);
    assertThat(second.answered()).isEqualTo(200);
    assertThat(second.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    verify(subscription.get("secret").asText(), second);
    String id = subscription.get("id").asText();
    JsonNode deliveries =
        eventually(
            () -> json(app.get("/subscriptions/" + id + "/deliveries")),
            page -> page.at("/deliveries/0/status").asText().equals("delivered"));
    assertThat(deliveries.at("/deliveries/0/attempts").asInt()).isEqualTo(2);
    assertThat(deliveries.at("/deliveries/0/last_response_status").asInt()).isEqualTo(200);
  }

  @Test
  void a_rotated_secret_sends_two_signatures_that_both_verify() throws Exception {
    JsonNode subscription = subscribe("\"message.received\"", true);
    String id = subscription.get("id").asText();
    HttpResponse<String> rotated =
        app.call("POST", "/subscriptions/" + id + "/secret", null, TestApplication.withAuth());
    assertThat(rotated.statusCode()).isEqualTo(200);
    String newSecret = json(rotated).get("secret").asText();
    assertThat(newSecret).isNotEqualTo(subscription.get("secret").asText());

    app.inbound("+12015559102", "hola");

    WebhookReceiver.Post post = receiver.next(PATIENCE);
    assertThat(post.header("webhook-signature").split(" ")).hasSize(2);
    assertThatCode(() -> verify(newSecret, post)).doesNotThrowAnyException();
    assertThatCode(() -> verify(subscription.get("secret").asText(), post))
        .doesNotThrowAnyException();
    assertThat(json(app.get("/subscriptions/" + id)).has("secret")).isFalse();
  }

  @Test
  void a_stopped_service_resumes_pending_deliveries_after_restart() throws Exception {
    subscribe("\"message.received\"", true);
    receiver.answerNext(503);
    app.inbound("+12015559103", "please deliver me later");
    assertThat(receiver.next(PATIENCE).answered()).isEqualTo(503);

    app.stop();
    app.restart();

    WebhookReceiver.Post retried = receiver.next(PATIENCE);
    assertThat(retried.answered()).isEqualTo(200);
    assertThat(retried.body()).contains("please deliver me later");
  }

  @Test
  void the_feed_pages_by_cursor_and_refuses_a_cursor_it_did_not_give() {
    String cursor = lastCursor();
    app.inbound("+12015559104", "one");
    app.inbound("+12015559104", "two");

    JsonNode first =
        eventually(
            () -> json(app.get("/events?after=" + cursor + "&types=message.received&limit=1")),
            page -> page.get("events").size() == 1);
    JsonNode second =
        eventually(
            () ->
                json(
                    app.get(
                        "/events?after="
                            + first.get("next_cursor").asText()
                            + "&types=message.received&limit=1")),
            page -> page.get("events").size() == 1);

    assertThat(first.at("/events/0/data/message/content").asText()).isEqualTo("one");
    assertThat(second.at("/events/0/data/message/content").asText()).isEqualTo("two");
    assertThat(second.at("/events/0/position").asLong())
        .isGreaterThan(first.at("/events/0/position").asLong());
    TestApplication.assertError(app.get("/events?after=bm9wZQ"), 400, "sms.validation_error");
    TestApplication.assertError(
        app.get("/events?types=message.nonsense"), 400, "sms.validation_error");
  }

  /** The cursor after every event so far. */
  private static String lastCursor() {
    String cursor = "";
    while (true) {
      JsonNode page = json(app.get("/events?limit=1000&after=" + cursor));
      cursor = page.get("next_cursor").asText();
      if (page.get("events").size() < 1000) {
        return cursor;
      }
    }
  }
}
