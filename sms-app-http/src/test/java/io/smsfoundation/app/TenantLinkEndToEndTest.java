package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant linking through a fake Collections Monitor, in the background of inbound webhooks. */
class TenantLinkEndToEndTest {

  private static FakeMonitor monitor;
  private static TestApplication app;

  @BeforeAll
  static void start() {
    monitor = new FakeMonitor();
    app =
        TestApplication.start(
            Map.of(
                AppConfig.MONITOR_API_URL,
                monitor.url(),
                AppConfig.MONITOR_API_TOKEN,
                FakeMonitor.TOKEN));
  }

  @AfterAll
  static void stop() {
    app.close();
    monitor.close();
  }

  private static JsonNode conversation(String phone) {
    return json(app.get("/conversations/" + encode(phone)));
  }

  @Test
  void tenant_is_linked_in_the_background_by_a_later_phone_variant() {
    // the Monitor knows the tenant by the national number only: E.164 is not found first
    monitor.addTenant("tenant-42", "2015553042", null);

    HttpResponse<String> response = app.inbound("+12015553042", "Hello, this is apartment 4B");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode linked =
        eventually(
            () -> conversation("+12015553042"),
            page -> !page.at("/conversation/tenant_id").isNull());
    assertThat(linked.at("/conversation/tenant_id").asText()).isEqualTo("tenant-42");
    assertThat(monitor.lookups()).contains("+12015553042", "2015553042");
  }

  @Test
  void health_reports_the_monitor_with_its_circuit_and_probe() {
    JsonNode monitorCheck =
        eventually(
            () -> json(app.call("GET", "/health", null, Map.of())).at("/checks/monitor"),
            check -> !check.get("status").asText().equals("pending"));

    assertThat(monitorCheck.get("directory").asText()).isEqualTo("monitor");
    assertThat(monitorCheck.get("circuit").asText()).isEqualTo("closed");
    assertThat(monitorCheck.get("status").asText()).isEqualTo("ok");
    assertThat(monitorCheck.get("latency_ms").isNumber()).isTrue();
  }

  @Test
  void unknown_number_stays_without_tenant() {
    app.inbound("+12015553043", "Who is this?");

    eventually(monitor::lookups, asked -> asked.contains("12015553043"));
    assertThat(conversation("+12015553043").at("/conversation/tenant_id").isNull()).isTrue();
  }

  @Test
  void monitor_outage_never_delays_or_fails_the_webhook_and_linking_catches_up() {
    monitor.addTenant("tenant-44", "+12015553044", "es");
    monitor.setAvailable(false);
    try {
      HttpResponse<String> response = app.inbound("+12015553044", "ok");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(conversation("+12015553044").at("/conversation/tenant_id").isNull()).isTrue();
    } finally {
      monitor.setAvailable(true);
    }

    JsonNode linked =
        eventually(
            () -> conversation("+12015553044"),
            page -> !page.at("/conversation/tenant_id").isNull());
    assertThat(linked.at("/conversation/tenant_id").asText()).isEqualTo("tenant-44");
    assertThat(linked.at("/conversation/language").asText()).isEqualTo("es");
  }

  @Test
  void language_detected_in_sms_is_pushed_to_the_monitor() {
    monitor.addTenant("tenant-45", "+12015553045", "en");

    app.inbound("+12015553045", "Hola, sí, mañana le pago la renta, muchas gracias");

    List<String> updates =
        eventually(
            monitor::languageUpdates, all -> all.stream().anyMatch(u -> u.startsWith("tenant-45")));
    assertThat(updates).anySatisfy(u -> assertThat(u).startsWith("tenant-45").contains("\"es\""));
  }

  @Test
  void send_by_tenant_id_goes_to_the_tenants_number() {
    monitor.addTenant("tenant-46", "+12015553046", null);
    app.inbound("+12015553046", "hi");
    eventually(
        () -> conversation("+12015553046"), page -> !page.at("/conversation/tenant_id").isNull());

    HttpResponse<String> response =
        app.postJson("/sms/send", "{\"tenant_id\": \"tenant-46\", \"body\": \"Your receipt\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode message = json(app.get("/messages/" + json(response).get("message_id").asText()));
    assertThat(message.get("to").asText()).isEqualTo("+12015553046");
  }
}
