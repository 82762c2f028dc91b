package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.assertError;
import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant identity against a fake Collections Monitor over HTTP and a real PostgreSQL: sends to
 * tenants who never texted, links re-verified after a short time-to-live, links set by hand. The
 * directory cache is off here, so that every re-verification reaches the Monitor.
 */
class TenantIdentityEndToEndTest {

  private static final Duration LINK_TTL = Duration.ofSeconds(2);

  private static FakeMonitor monitor;
  private static PostgresTestDatabase.Schema schema;
  private static TestApplication app;

  @BeforeAll
  static void start() {
    monitor = new FakeMonitor();
    schema = PostgresTestDatabase.createSchema(true);
    app =
        TestApplication.start(
            Map.of(
                AppConfig.DATABASE_URL,
                TestDatabases.urlOf(schema),
                AppConfig.MONITOR_API_URL,
                monitor.url(),
                AppConfig.MONITOR_API_TOKEN,
                FakeMonitor.TOKEN,
                AppConfig.TENANT_LINK_TTL,
                LINK_TTL.toSeconds() + "s",
                AppConfig.TENANT_CACHE_TTL,
                "0"));
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      monitor.close();
      schema.close();
    }
  }

  private static JsonNode conversation(String phone) {
    return json(app.get("/conversations/" + encode(phone))).get("conversation");
  }

  private static JsonNode linkedTo(String phone, String tenantId) {
    return eventually(
        () -> conversation(phone), c -> c.get("tenant_id").asText("").equals(tenantId));
  }

  private static HttpResponse<String> sendToTenant(String tenantId, String body) {
    return app.postJson(
        "/sms/send", "{\"tenant_id\": \"" + tenantId + "\", \"body\": \"" + body + "\"}");
  }

  @Test
  void a_send_to_a_tenant_who_never_texted_reaches_the_directorys_mobile_number() {
    monitor.addTenantWithNumbers(
        "tenant-new-1", List.of("+44 20 7183 8750", "(201) 555-3101", "+12015553102"));

    HttpResponse<String> sent = sendToTenant("tenant-new-1", "Your rent is due on the 1st.");

    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    JsonNode message = json(app.get("/messages/" + json(sent).get("message_id").asText()));
    assertThat(message.get("to").asText()).isEqualTo("+12015553101");
    assertThat(
            rows(
                "select phone_number_canonical || ' ' || source from sms_tenant_phone_numbers"
                    + " where tenant_id = 'tenant-new-1' order by last_used_at desc"))
        .containsExactly(
            "+12015553101 directory", "+12015553102 directory", "+442071838750 directory");
    HttpResponse<String> again = sendToTenant("tenant-new-1", "Reminder");
    assertThat(json(app.get("/messages/" + json(again).get("message_id").asText())).get("to"))
        .hasToString("\"+12015553101\"");
    assertThat(monitor.tenantReads()).containsOnlyOnce("tenant-new-1");
  }

  @Test
  void a_directory_that_does_not_answer_within_2_s_gives_503_with_retry_after() {
    monitor.addTenantWithNumbers("tenant-slow", List.of("+12015553103"));
    monitor.setTenantReadDelay(Duration.ofSeconds(6));
    HttpResponse<String> sent;
    try {
      sent = sendToTenant("tenant-slow", "Hello");
    } finally {
      monitor.setTenantReadDelay(Duration.ZERO);
    }

    assertError(sent, 503, "sms.unavailable");
    assertThat(sent.headers().firstValue("Retry-After")).isPresent();
    assertThat(rows("select id::text from sms_messages where to_number = '+12015553103'"))
        .isEmpty();
  }

  @Test
  void a_tenant_the_directory_does_not_know_gives_404() {
    assertError(sendToTenant("tenant-nobody", "Hello"), 404, "sms.not_found");
  }

  @Test
  void a_link_re_verified_after_its_time_to_live_moves_to_the_new_tenant_with_history()
      throws InterruptedException {
    String phone = "+12015553111";
    monitor.addTenant("tenant-old", phone, null);
    app.inbound(phone, "Hi, apartment 2C");
    JsonNode first = linkedTo(phone, "tenant-old");
    assertThat(first.get("tenant_source").asText()).isEqualTo("directory");
    assertThat(first.get("tenant_checked_at").isTextual()).isTrue();

    // the lease ends, the number goes to someone else
    monitor.removePhone(phone);
    monitor.addTenant("tenant-next", phone, null);
    Thread.sleep(LINK_TTL.plusMillis(200));
    app.inbound(phone, "Hello, I just moved into 2C");

    JsonNode moved = linkedTo(phone, "tenant-next");
    assertThat(moved.get("tenant_source").asText()).isEqualTo("directory");
    assertThat(history(phone))
        .containsExactly("null -> tenant-old (directory)", "tenant-old -> tenant-next (directory)");
  }

  @Test
  void a_link_set_by_hand_survives_re_verification() throws InterruptedException {
    String phone = "+12015553121";
    monitor.addTenant("tenant-directory", phone, null);
    app.inbound(phone, "Hello");
    linkedTo(phone, "tenant-directory");

    HttpResponse<String> set =
        app.putJson(
            "/conversations/(201)%20555-3121/tenant", "{\"tenant_id\": \"tenant-by-hand\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(set).get("tenant_source").asText()).isEqualTo("manual");
    int lookupsBefore = monitor.lookups().size();

    Thread.sleep(LINK_TTL.plusMillis(200));
    app.inbound(phone, "Hello again");
    // a stale link of another number is re-verified meanwhile: the jobs ran
    String other = "+12015553122";
    monitor.addTenant("tenant-other", other, null);
    app.inbound(other, "Hi");
    linkedTo(other, "tenant-other");
    Thread.sleep(LINK_TTL.plusMillis(200));
    monitor.removePhone(other);
    app.inbound(other, "Hi again");
    eventually(() -> conversation(other), c -> c.get("tenant_id").isNull());

    assertThat(conversation(phone).get("tenant_id").asText()).isEqualTo("tenant-by-hand");
    assertThat(monitor.lookups().subList(lookupsBefore, monitor.lookups().size()))
        .doesNotContain(phone, "2015553121", "12015553121");
    assertThat(history(phone))
        .containsExactly(
            "null -> tenant-directory (directory)", "tenant-directory -> tenant-by-hand (manual)");
  }

  @Test
  void setting_no_tenant_by_hand_and_unknown_numbers_answer_as_documented() {
    String phone = "+12015553131";
    app.inbound(phone, "Hello");

    HttpResponse<String> none =
        app.putJson("/conversations/" + encode(phone) + "/tenant", "{\"tenant_id\": null}");
    assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
    assertThat(json(none).get("tenant_id").isNull()).isTrue();
    assertThat(json(none).get("tenant_source").asText()).isEqualTo("manual");
    assertError(
        app.putJson("/conversations/%2B19995553199/tenant", "{\"tenant_id\": \"t\"}"),
        404,
        "sms.not_found");
    assertThat(
            assertError(
                    app.putJson("/conversations/" + encode(phone) + "/tenant", "{}"),
                    400,
                    "sms.validation_error")
                .has("tenant_id"))
        .isTrue();
  }

  private static List<String> history(String phone) {
    return rows(
        "select coalesce(h.old_tenant_id, 'null') || ' -> ' || coalesce(h.new_tenant_id, 'null')"
            + " || ' (' || h.source || ')' from sms_conversation_tenant_history h"
            + " join sms_conversations c on c.id = h.conversation_id"
            + " where c.phone_number_canonical = '"
            + phone
            + "' order by h.seq");
  }

  private static List<String> rows(String sql) {
    try (Connection connection = schema.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
