package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} after a real run (inbound in Spanish, a duplicate, a forged webhook, a send
 * delivered through callbacks, a refused send, a tenant link through the Monitor): every meter
 * docs/operations.md lists is there with the counts the run produced, plus pool and JVM meters;
 * HTTP latency is labelled by route template, never by a raw path.
 */
class MetricsEndToEndTest {

  private static final String TOKEN = "metrics-token-for-the-test-0123";
  private static final String PHONE = "+12015556701";

  private static FakeMonitor monitor;
  private static TestApplication app;
  private static String metrics;

  @BeforeAll
  static void runAndScrape() {
    monitor = new FakeMonitor();
    monitor.addTenant("tenant-metrics-1", PHONE, null);
    app =
        TestApplication.start(
            Map.of(
                AppConfig.METRICS_TOKEN,
                TOKEN,
                AppConfig.MONITOR_API_URL,
                monitor.url(),
                AppConfig.MONITOR_API_TOKEN,
                FakeMonitor.TOKEN));
    Map<String, String> inbound =
        inboundForm(newSid(), PHONE, "Hola, sí, mañana le pago la renta, muchas gracias");
    app.webhook("/webhook/twilio/sms", inbound);
    app.webhook("/webhook/twilio/sms", inbound);
    app.webhook("/webhook/twilio/sms", inboundForm(newSid(), PHONE, "forged"), "Zm9yZ2Vk");
    String sentId =
        json(app.send("+12015556702", "Your receipt is ready")).get("message_id").asText();
    String refusedId =
        json(app.send(TwilioEmulator.INVALID_NUMBER, "Hello?")).get("message_id").asText();
    eventually(
        () -> json(app.get("/messages/" + sentId)),
        m -> m.get("delivery_status").asText().equals("delivered"));
    eventually(
        () -> json(app.get("/messages/" + refusedId)),
        m -> m.get("delivery_status").asText().equals("failed"));
    eventually(
        () -> json(app.get("/conversations/" + encode(PHONE))),
        page -> !page.at("/conversation/tenant_id").isNull());
    // counters move just after what the test can see (a commit, a status in the database)
    metrics =
        eventually(
            MetricsEndToEndTest::scrape,
            text ->
                value(text, "sms_jobs_total", "type=\"link-tenant\"") >= 1
                    && value(text, "sms_jobs_total", "type=\"send-sms\"", "result=\"done\"") >= 2
                    && value(
                            text, "sms_webhooks_total", "webhook=\"status\"", "outcome=\"applied\"")
                        >= 2);
  }

  @AfterAll
  static void stop() {
    app.close();
    monitor.close();
  }

  private static String scrape() {
    HttpResponse<String> response =
        app.call("GET", "/metrics", null, Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    return response.body();
  }

  /** The value of the first sample of {@code name} whose labels contain every one given. */
  private static double value(String text, String name, String... labels) {
    Matcher samples =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{.*\\})? (\\S+)$", Pattern.MULTILINE)
            .matcher(text);
    while (samples.find()) {
      String found = samples.group(1) == null ? "" : samples.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        return Double.parseDouble(samples.group(2));
      }
    }
    return Double.NaN;
  }

  @Test
  void webhooks_are_counted_by_outcome_and_duplicates_apart() {
    assertThat(value(metrics, "sms_webhooks_total", "webhook=\"inbound\"", "outcome=\"accepted\""))
        .isEqualTo(1);
    assertThat(value(metrics, "sms_webhooks_total", "webhook=\"inbound\"", "outcome=\"duplicate\""))
        .isEqualTo(1);
    assertThat(
            value(
                metrics,
                "sms_webhooks_total",
                "webhook=\"inbound\"",
                "outcome=\"invalid_signature\""))
        .isEqualTo(1);
    assertThat(value(metrics, "sms_webhooks_total", "webhook=\"status\"", "outcome=\"applied\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(value(metrics, "sms_duplicates_skipped_total", "webhook=\"inbound\"")).isEqualTo(1);
  }

  @Test
  void sends_are_counted_by_outcome_and_error_class_and_statuses_by_value() {
    assertThat(value(metrics, "sms_sends_total", "outcome=\"sent\"", "error_class=\"none\""))
        .isEqualTo(1);
    assertThat(
            value(
                metrics,
                "sms_sends_total",
                "outcome=\"rejected\"",
                "error_class=\"permanent\"",
                "error_code=\"21211\""))
        .isEqualTo(1);
    assertThat(value(metrics, "sms_send_duration_seconds_count", "outcome=\"sent\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_delivery_statuses_total", "status=\"queued\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_delivery_statuses_total", "status=\"delivered\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_delivery_statuses_total", "status=\"failed\"")).isEqualTo(1);
  }

  @Test
  void languages_tenant_lookups_and_links_are_counted() {
    assertThat(value(metrics, "sms_inbound_languages_total", "language=\"es\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_inbound_languages_total", "language=\"en\"")).isZero();
    assertThat(value(metrics, "sms_tenant_lookups_total", "outcome=\"found\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_tenant_links_total", "trigger=\"inbound\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_tenant_links_total", "trigger=\"reconciliation\"")).isZero();
    assertThat(value(metrics, "sms_reconciliation_runs_total")).isNotNaN();
    assertThat(value(metrics, "sms_reconciliation_scheduled_total")).isNotNaN();
    assertThat(value(metrics, "sms_monitor_circuit_open")).isZero();
  }

  @Test
  void database_backlog_and_conversation_gauges_are_there() {
    assertThat(value(metrics, "sms_conversations", "tenant=\"known\"")).isNotNaN();
    assertThat(value(metrics, "sms_conversations", "tenant=\"unknown\"")).isNotNaN();
    assertThat(value(metrics, "sms_jobs_waiting")).isGreaterThanOrEqualTo(0);
    assertThat(value(metrics, "sms_jobs_due")).isGreaterThanOrEqualTo(0);
    assertThat(value(metrics, "sms_jobs_running")).isGreaterThanOrEqualTo(0);
    assertThat(value(metrics, "sms_jobs_oldest_due_age_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(value(metrics, "sms_jobs_total", "type=\"send-sms\"", "result=\"done\""))
        .isEqualTo(2);
    assertThat(value(metrics, "sms_job_duration_seconds_count", "type=\"link-tenant\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "sms_db_transactions_seconds_count", "result=\"commit\""))
        .isGreaterThan(5);
    assertThat(value(metrics, "sms_db_transactions_seconds_count", "result=\"rollback\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(metrics, "hikaricp_connections_max", "pool=\"sms-postgres\"")).isEqualTo(10);
    assertThat(
            value(metrics, "hikaricp_connections_acquire_seconds_count", "pool=\"sms-postgres\""))
        .isGreaterThan(0);
    assertThat(value(metrics, "sms_dependency_up", "dependency=\"database\"")).isEqualTo(1);
    assertThat(value(metrics, "sms_dependency_check_latency_seconds", "dependency=\"database\""))
        .isGreaterThan(0);
  }

  @Test
  void http_latency_is_a_histogram_per_route_template_never_per_raw_path() {
    assertThat(
            value(
                metrics,
                "http_server_requests_seconds_bucket",
                "route=\"/webhook/twilio/sms\"",
                "status=\"200\"",
                "le=\"+Inf\""))
        .isEqualTo(2);
    assertThat(
            value(
                metrics,
                "http_server_requests_seconds_count",
                "route=\"/conversations/{phone}\"",
                "method=\"GET\""))
        .isGreaterThanOrEqualTo(1);
    // no label holds a number or a path (a sample's value may happen to hold the digits)
    assertThat(metrics).doesNotContainPattern("\\{[^}]*(6701|6702|%2B)[^}]*}");
  }

  @Test
  void each_objective_threshold_is_a_bucket_bound_of_the_http_latency() {
    // docs/operations.md: webhooks within 300 ms and 500 ms, sends accepted within 2.5 s
    for (String bound : new String[] {"0.3", "0.5", "2.5"}) {
      assertThat(
              value(
                  metrics,
                  "http_server_requests_seconds_bucket",
                  "route=\"/webhook/twilio/sms\"",
                  "status=\"200\"",
                  "le=\"" + bound + "\""))
          .as("bucket le=%s", bound)
          .isBetween(0.0, 2.0);
    }
  }

  @Test
  void jvm_and_process_meters_are_there() {
    assertThat(value(metrics, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
    assertThat(metrics).contains("jvm_gc_");
    assertThat(value(metrics, "jvm_threads_live_threads")).isGreaterThan(0);
    assertThat(value(metrics, "jvm_classes_loaded_classes")).isGreaterThan(0);
    assertThat(value(metrics, "system_cpu_count")).isGreaterThan(0);
    assertThat(value(metrics, "process_uptime_seconds")).isGreaterThan(0);
  }

  @Test
  void metrics_need_the_token_when_one_is_configured() {
    HttpResponse<String> none = app.call("GET", "/metrics", null, Map.of());
    HttpResponse<String> wrong =
        app.call("GET", "/metrics", null, Map.of("Authorization", "Bearer not-the-token-0123456"));

    assertError(none, 401, "sms.unauthorized");
    assertError(wrong, 401, "sms.unauthorized");
  }
}
