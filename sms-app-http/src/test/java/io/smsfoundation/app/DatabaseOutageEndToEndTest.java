package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on real PostgreSQL reached through a proxy the test controls: a database outage is
 * answered with 503 (never a 200 for an unstored message) and healed without a restart; a restart
 * keeps every message.
 */
class DatabaseOutageEndToEndTest {

  private static PostgresTestDatabase.Schema schema;
  private static TcpProxy proxy;
  private static TestApplication app;

  @BeforeAll
  static void start() {
    // an empty schema: the service migrates it itself, as on a first deployment
    schema = PostgresTestDatabase.createSchema(false);
    proxy = TestDatabases.proxyFor(schema);
    app =
        TestApplication.start(
            Map.of(AppConfig.DATABASE_URL, TestDatabases.urlThrough(schema, proxy)));
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

  private static HttpResponse<String> health() {
    return app.call("GET", "/health", null, Map.of());
  }

  @Test
  void database_outage_is_a_503_and_recovery_needs_no_restart() {
    String phone = "+12015556001";
    assertThat(app.inbound(phone, "before the outage").statusCode()).isEqualTo(200);
    Map<String, String> duringOutage = inboundForm(newSid(), phone, "during the outage");

    proxy.cut();
    try {
      HttpResponse<String> refused = app.webhook("/webhook/twilio/sms", duringOutage);
      assertError(refused, 503, "sms.unavailable");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> unhealthy = eventually(() -> health(), r -> r.statusCode() == 503);
      assertThat(unhealthy.statusCode()).isEqualTo(503);
      assertThat(json(unhealthy).get("ok").asBoolean()).isFalse();
      assertThat(json(unhealthy).at("/checks/database/status").asText()).isEqualTo("down");
      assertThat(app.call("GET", "/health/ready", null, Map.of()).statusCode()).isEqualTo(503);
      assertThat(app.call("GET", "/health/live", null, Map.of()).statusCode()).isEqualTo(200);
      assertError(app.send(phone, "while down"), 503, "sms.unavailable");
    } finally {
      proxy.restore();
    }

    assertThat(eventually(() -> health(), r -> r.statusCode() == 200).statusCode()).isEqualTo(200);
    assertThat(app.call("GET", "/health/ready", null, Map.of()).statusCode()).isEqualTo(200);
    // Twilio retries the webhook that got the 503: now it is stored, once
    assertThat(app.webhook("/webhook/twilio/sms", duringOutage).statusCode()).isEqualTo(200);
    assertThat(app.webhook("/webhook/twilio/sms", duringOutage).statusCode()).isEqualTo(200);
    JsonNode page = json(app.get("/conversations/" + encode(phone)));
    assertThat(page.get("messages"))
        .extracting(m -> m.get("content").asText())
        .containsExactly("during the outage", "before the outage");
  }

  @Test
  void restart_keeps_the_data() {
    String phone = "+12015556002";
    Map<String, String> form = inboundForm(newSid(), phone, "Olá, tudo bem? Obrigado");
    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);
    String sentId = json(app.send(phone, "Bom dia!")).get("message_id").asText();
    eventually(
        () -> json(app.get("/messages/" + sentId)),
        m -> m.get("delivery_status").asText().equals("delivered"));

    app.restart();

    JsonNode page = json(app.get("/conversations/" + encode(phone)));
    assertThat(page.at("/conversation/language").asText()).isEqualTo("pt");
    assertThat(page.get("messages")).hasSize(2);
    JsonNode sent = json(app.get("/messages/" + sentId));
    assertThat(sent.get("delivery_status").asText()).isEqualTo("delivered");
    assertThat(sent.get("status_history")).hasSizeGreaterThanOrEqualTo(2);
    // the same webhook after the restart is still a duplicate
    assertThat(app.webhook("/webhook/twilio/sms", form).statusCode()).isEqualTo(200);
    assertThat(json(app.get("/conversations/" + encode(phone))).get("messages")).hasSize(2);
  }
}
