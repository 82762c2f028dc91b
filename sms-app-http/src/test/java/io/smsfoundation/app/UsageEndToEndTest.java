package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /usage} over real HTTP, on messages the test sent and received through the service:
 * the Twilio emulator delivers, fails and prices the sends, the status job fetches the prices.
 */
class UsageEndToEndTest {

  private static final String TENANT_PHONE = "+12015558101";
  private static final String UNKNOWN_PHONE = "+12015558102";
  private static final String LONG_BODY = "Your lease renewal is ready. ".repeat(7);

  private static TwilioEmulator twilio;
  private static TestApplication app;

  /** Every message the scenario made, as {@code GET /messages/{id}} shows it once settled. */
  private static final List<JsonNode> messages = new ArrayList<>();

  @BeforeAll
  static void start() {
    twilio = TwilioEmulator.builder().authToken(TestApplication.AUTH_TOKEN).start();
    app =
        TestApplication.start(
            Map.of(
                "TWILIO_API_BASE_URL", twilio.baseUrl(),
                "TWILIO_ACCOUNT_SID", twilio.accountSid()));
    sendAndReceive();
  }

  @AfterAll
  static void stop() {
    try {
      app.close();
    } finally {
      twilio.close();
    }
  }

  /**
   * A tenant's conversation (workflow {@code collections}) with two sends (1 and 2 segments) and
   * two replies; an unknown sender with one message; one send that ends undelivered and one that
   * Twilio refuses, both to numbers without a tenant.
   */
  private static void sendAndReceive() {
    List<String> sent = new ArrayList<>();
    sent.add(messageId(app.send(TENANT_PHONE, "Rent is due on the 1st.")));
    sent.add(messageId(app.send(TENANT_PHONE, LONG_BODY)));
    sent.add(messageId(app.send(TwilioEmulator.UNDELIVERED, "Your parcel is at the office.")));
    sent.add(messageId(app.send(TwilioEmulator.CANNOT_ROUTE, "Your parcel is at the office.")));
    assertThat(app.inbound(TENANT_PHONE, "ok thanks").statusCode()).isEqualTo(200);
    assertThat(app.inbound(TENANT_PHONE, "will pay friday").statusCode()).isEqualTo(200);
    assertThat(app.inbound(UNKNOWN_PHONE, "who is this?").statusCode()).isEqualTo(200);
    HttpResponse<String> tenant =
        app.putJson(
            "/conversations/" + encode(TENANT_PHONE) + "/tenant", "{\"tenant_id\":\"tenant-a\"}");
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
    HttpResponse<String> workflow =
        app.putJson(
            "/conversations/" + encode(TENANT_PHONE) + "/workflow",
            "{\"workflow_type\":\"collections\",\"workflow_id\":\"c-1\"}");
    assertThat(workflow.statusCode()).as(workflow.body()).isEqualTo(200);

    for (String id : sent) {
      // settled, and priced when Twilio bills it (the refused send never reached Twilio)
      messages.add(
          eventually(
              () -> json(app.get("/messages/" + id)),
              m ->
                  m.get("delivery_status").asText().equals("failed")
                      ? !m.get("processing_ms").isNull()
                      : !m.get("price").isNull()));
    }
    for (JsonNode conversation :
        List.of(
            json(app.get("/conversations/" + encode(TENANT_PHONE))),
            json(app.get("/conversations/" + encode(UNKNOWN_PHONE))))) {
      conversation
          .get("messages")
          .forEach(
              m -> {
                if (m.get("direction").asText().equals("inbound")) {
                  messages.add(m);
                }
              });
    }
    assertThat(messages).hasSize(7);
  }

  private static String messageId(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json(response).get("message_id").asText();
  }

  /** A period of three days around now, so that a test run at midnight still sees everything. */
  private static HttpResponse<String> usage(String groupBy, String... headers) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, String> all = new LinkedHashMap<>(TestApplication.withAuth(headers));
    return app.call(
        "GET",
        "/usage?from=" + today.minusDays(1) + "&to=" + today.plusDays(2) + "&group_by=" + groupBy,
        null,
        all);
  }

  private static Map<String, JsonNode> rows(String groupBy) {
    HttpResponse<String> response = usage(groupBy);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode report = json(response);
    assertThat(report.get("group_by").asText()).isEqualTo(groupBy);
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    report.get("rows").forEach(row -> rows.put(row.get("group").asText(null), row));
    return rows;
  }

  @Test
  void usage_by_tenant_counts_what_was_sent_and_received() {
    Map<String, JsonNode> rows = rows("tenant");

    assertThat(rows.keySet()).containsExactly("tenant-a", null);
    JsonNode tenant = rows.get("tenant-a");
    assertThat(tenant.get("messages").asLong()).isEqualTo(4);
    assertThat(tenant.get("inbound").asLong()).isEqualTo(2);
    assertThat(tenant.get("outbound").asLong()).isEqualTo(2);
    assertThat(tenant.get("segments").asLong()).isEqualTo(1 + 2 + 1 + 1);
    assertThat(tenant.get("failures").asLong()).isZero();
    assertThat(tenant.get("priced").asLong()).isEqualTo(2);
    assertThat(tenant.get("price").decimalValue()).isEqualByComparingTo("-0.02370");
    assertThat(tenant.get("price_unit").asText()).isEqualTo("USD");
    assertThat(tenant.get("p50_processing_ms").isNumber()).isTrue();
    assertThat(tenant.get("p95_processing_ms").asDouble())
        .isGreaterThanOrEqualTo(tenant.get("p50_processing_ms").asDouble());
    JsonNode unknown = rows.get(null);
    assertThat(unknown.get("messages").asLong()).isEqualTo(3);
    assertThat(unknown.get("inbound").asLong()).isEqualTo(1);
    assertThat(unknown.get("outbound").asLong()).isEqualTo(2);
    assertThat(unknown.get("segments").asLong()).isEqualTo(3);
    assertThat(unknown.get("failures").asLong()).isEqualTo(2);
    assertThat(unknown.get("priced").asLong()).isEqualTo(1);
    assertThat(unknown.get("price").decimalValue()).isEqualByComparingTo("-0.00790");
  }

  @Test
  void usage_by_workflow_type_and_direction_splits_the_same_messages() {
    Map<String, JsonNode> byWorkflow = rows("workflow_type");
    assertThat(byWorkflow.keySet()).containsExactly("collections", null);
    assertThat(byWorkflow.get("collections").get("messages").asLong()).isEqualTo(4);
    assertThat(byWorkflow.get(null).get("failures").asLong()).isEqualTo(2);

    Map<String, JsonNode> byDirection = rows("direction");
    assertThat(byDirection.keySet()).containsExactly("inbound", "outbound");
    assertThat(byDirection.get("inbound").get("messages").asLong()).isEqualTo(3);
    assertThat(byDirection.get("inbound").get("segments").asLong()).isEqualTo(3);
    assertThat(byDirection.get("inbound").get("failures").asLong()).isZero();
    assertThat(byDirection.get("outbound").get("messages").asLong()).isEqualTo(4);
    assertThat(byDirection.get("outbound").get("segments").asLong()).isEqualTo(5);
    assertThat(byDirection.get("outbound").get("failures").asLong()).isEqualTo(2);
    assertThat(byDirection.get("outbound").get("priced").asLong()).isEqualTo(3);
  }

  @Test
  void usage_by_day_matches_the_days_the_messages_were_written() {
    Map<String, long[]> expected = new HashMap<>();
    for (JsonNode message : messages) {
      String day =
          LocalDate.ofInstant(Instant.parse(message.get("created_at").asText()), ZoneOffset.UTC)
              .toString();
      long[] counts = expected.computeIfAbsent(day, d -> new long[3]);
      counts[0]++;
      counts[1] += message.get("segments").asLong();
      String status = message.get("delivery_status").asText();
      counts[2] += status.equals("failed") || status.equals("undelivered") ? 1 : 0;
    }

    Map<String, JsonNode> rows = rows("day");

    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (day, counts) -> {
          JsonNode row = rows.get(day);
          assertThat(row.get("messages").asLong()).as(day).isEqualTo(counts[0]);
          assertThat(row.get("segments").asLong()).as(day).isEqualTo(counts[1]);
          assertThat(row.get("failures").asLong()).as(day).isEqualTo(counts[2]);
        });
  }

  @Test
  void processing_time_is_recorded_for_both_directions() {
    assertThat(messages)
        .allSatisfy(
            m -> assertThat(m.get("processing_ms").asLong()).as(m.toString()).isNotNegative());
    assertThat(messages).allSatisfy(m -> assertThat(m.get("processing_ms").isNull()).isFalse());
  }

  @Test
  void csv_has_a_header_row_and_the_same_rows_as_the_json() throws Exception {
    for (String groupBy : List.of("tenant", "day", "workflow_type", "direction")) {
      HttpResponse<String> csv = usage(groupBy, "Accept", "text/csv");
      assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));

      List<Map<String, String>> parsed = new ArrayList<>();
      try (MappingIterator<Map<String, String>> lines =
          new CsvMapper()
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .readValues(csv.body())) {
        lines.forEachRemaining(parsed::add);
      }

      JsonNode json = json(usage(groupBy)).get("rows");
      assertThat(parsed).hasSize(json.size());
      for (int i = 0; i < json.size(); i++) {
        JsonNode row = json.get(i);
        Map<String, String> line = parsed.get(i);
        List<String> columns = new ArrayList<>();
        row.fieldNames().forEachRemaining(columns::add);
        assertThat(line.keySet()).as("the header").containsExactlyElementsOf(columns);
        for (String column : columns) {
          JsonNode value = row.get(column);
          String text = line.get(column);
          if (value.isNull()) {
            assertThat(text).as(groupBy + " " + column).isEmpty();
          } else if (value.isNumber()) {
            assertThat(new BigDecimal(text))
                .as(groupBy + " " + column)
                .isEqualByComparingTo(value.decimalValue());
          } else {
            assertThat(text).as(groupBy + " " + column).isEqualTo(value.asText());
          }
        }
      }
    }
  }

  @Test
  void bad_ranges_and_groupings_are_refused_with_the_error_envelope() {
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("/usage?from=2026-11-01&to=2026-12-01&group_by=week", "group_by");
    refusals.put("/usage?from=2026-12-01&to=2026-11-01&group_by=day", "to");
    refusals.put("/usage?from=2026-11-01&to=2026-11-01", "to");
    refusals.put("/usage?from=2024-01-01&to=2026-01-01&group_by=tenant", "to");
    refusals.put("/usage?from=yesterday&to=2026-12-01", "from");
    refusals.put("/usage?from=2026-11-01", "to");
    refusals.put("/usage?to=2026-12-01", "from");
    refusals.put("/usage?from=2026-11-01T00:00:00Z&to=2026-12-01", "from");
    refusals.forEach(
        (path, field) -> {
          JsonNode details = assertError(app.get(path), 400, "sms.validation_error");
          assertThat(details.path(field).asText()).as(path).isNotBlank();
        });
    assertError(
        app.call("GET", "/usage?from=2026-11-01&to=2026-12-01", null, Map.of()),
        401,
        "sms.unauthorized");
  }

  @Test
  void a_year_is_the_longest_period() {
    HttpResponse<String> leapYear = app.get("/usage?from=2028-01-01&to=2029-01-01");
    assertThat(leapYear.statusCode()).as(leapYear.body()).isEqualTo(200);
    assertThat(json(leapYear).get("rows")).isEmpty();
    assertError(app.get("/usage?from=2028-01-01&to=2029-01-02"), 400, "sms.validation_error");
  }
}
