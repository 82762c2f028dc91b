package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code TENANT_DIRECTORY=postgres}: tenants come from the {@code tenant_profiles} table. */
class PostgresDirectoryEndToEndTest {

  private static PostgresTestDatabase.Schema schema;
  private static TestApplication app;

  @BeforeAll
  static void start() {
    schema = PostgresTestDatabase.createSchema(true);
    schema.execute(
        "insert into tenant_profiles (tenant_id, phone_numbers, language_preference)"
            + " values ('tenant-pg-1', '[\"(201) 555-8001\", \"+1 973 555 8002\"]', 'pt')");
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

  @Test
  void tenant_profile_written_in_any_format_links_the_conversation() {
    app.inbound("+12015558001", "ok");

    JsonNode page =
        eventually(
            () -> json(app.get("/conversations/%2B12015558001")),
            p -> !p.at("/conversation/tenant_id").isNull());

    assertThat(page.at("/conversation/tenant_id").asText()).isEqualTo("tenant-pg-1");
    assertThat(page.at("/conversation/language").asText()).isEqualTo("pt");
    JsonNode directory = json(app.call("GET", "/health", null, Map.of())).at("/checks/monitor");
    assertThat(directory.get("directory").asText()).isEqualTo("postgres");
    assertThat(directory.get("status").asText()).isEqualTo("ok");
  }
}
