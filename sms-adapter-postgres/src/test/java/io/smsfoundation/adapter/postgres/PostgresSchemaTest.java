package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSchemaTest {

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema(false);
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Test
  void migrations_run_once_and_a_second_run_changes_nothing() {
    int first = PostgresSchema.migrate(schema.dataSource(), schema.name());
    int second = PostgresSchema.migrate(schema.dataSource(), schema.name());

    assertThat(first).isEqualTo(migrationFiles());
    assertThat(second).isZero();
    assertThat(
            query(
                "select indexname from pg_indexes where schemaname = current_schema()"
                    + " order by indexname"))
        .contains(
            "sms_conversations_phone_number_canonical_key",
            "sms_messages_twilio_sid_key",
            "sms_messages_idempotency_key_key",
            "sms_messages_conversation_page_idx",
            "sms_message_status_events_message_status_key",
            "sms_message_status_events_unattached_status_key",
            "tenant_profiles_phone_digits_idx",
            "tenant_profiles_phone_numbers_idx",
            "scheduled_tasks_pkey");
    assertThat(
            query(
                "select indexdef from pg_indexes where schemaname = current_schema()"
                    + " and indexname = 'sms_messages_conversation_page_idx'"))
        .singleElement()
        .asString()
        .contains("(conversation_id, created_at DESC, id DESC)");
    assertThat(
            query(
                "select indexdef from pg_indexes where schemaname = current_schema()"
                    + " and tablename = 'tenant_profiles' and indexdef like '%USING gin%'"))
        .hasSize(2);
  }

  private static List<String> query(String sql) {
    return adapters.unitOfWork().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  /** The migrations the module ships, counted from its sources. */
  private static int migrationFiles() {
    try (var files =
        java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
