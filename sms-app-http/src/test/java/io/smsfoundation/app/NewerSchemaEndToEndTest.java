package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.postgres.PostgresSchema;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.app.config.AppConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling deploy: the newer version has migrated the schema further than this one knows. This
 * version still starts on it, migrates nothing, cleans nothing, and serves.
 */
class NewerSchemaEndToEndTest {

  @TempDir Path newerMigrations;

  @Test
  void the_service_starts_and_serves_on_a_schema_with_a_migration_it_does_not_know()
      throws Exception {
    // what a newer version might add: a column with a default, a table of its own
    Files.writeString(
        newerMigrations.resolve("V999__a_newer_version.sql"),
        """
        alter table sms_messages add column added_by_a_newer_version text not null default 'x';
        create table sms_newer_feature (id bigint primary key);
        insert into sms_newer_feature values (1);
        """);
    try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema(false)) {
      Flyway.configure(PostgresSchema.class.getClassLoader())
          .dataSource(schema.tools())
          .schemas(schema.name())
          .defaultSchema(schema.name())
          .locations(PostgresSchema.LOCATION, "filesystem:" + newerMigrations)
          .load()
          .migrate();

      try (TestApplication app =
          TestApplication.start(Map.of(AppConfig.DATABASE_URL, TestDatabases.urlOf(schema)))) {
        assertThat(app.inbound("+12015553001", "hello from the older version").statusCode())
            .isEqualTo(200);
        HttpResponse<String> sent = app.send("+12015553001", "an answer");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(json(app.get("/conversations/%2B12015553001")).toString())
            .contains("hello from the older version");
      }

      assertThat(query(schema, "select max(version::int) from flyway_schema_history"))
          .isEqualTo("999");
      assertThat(query(schema, "select count(*) from sms_newer_feature")).isEqualTo("1");
      assertThat(
              query(
                  schema, "select count(*) from sms_messages where added_by_a_newer_version = 'x'"))
          .isEqualTo("2");
    }
  }

  private static String query(PostgresTestDatabase.Schema schema, String sql) throws Exception {
    try (Connection connection = schema.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
