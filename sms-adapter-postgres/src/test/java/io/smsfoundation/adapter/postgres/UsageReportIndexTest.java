package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage report reads one day of 100,000 messages spread over ten days from its covering index
 * alone, for every grouping.
 */
class UsageReportIndexTest {

  private static final Logger LOG = LoggerFactory.getLogger(UsageReportIndexTest.class);
  private static final LocalDate DAY = LocalDate.parse("2026-03-05");

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void fillTheTable() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
    schema.execute(
        "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
            + " tenant_id, last_message_at, created_at, updated_at)"
            + " select md5(k::text)::uuid, '+1201' || lpad(k::text, 7, '0'),"
            + " '+1201' || lpad(k::text, 7, '0'), 't-' || k % 20, now(), now(), now()"
            + " from generate_series(0, 399) as k");
    schema.execute(
        "insert into sms_messages (id, conversation_id, direction, twilio_sid, from_number,"
            + " to_number, message_content, num_segments, delivery_status, processing_ms,"
            + " raw_webhook_data, created_at, updated_at)"
            + " select gen_random_uuid(), md5((i % 400)::text)::uuid,"
            + " 'inbound', 'SM' || md5(i::text), '+12015550123', '+15005550006',"
            + " 'message number ' || i, 1, 'received', i % 300,"
            + " jsonb_build_object('MessageSid', 'SM' || md5(i::text), 'Body', 'message ' || i),"
            + " timestamptz '2026-03-01 00:00:00Z' + (i * 864) * interval '10 milliseconds',"
            + " timestamptz '2026-03-01 00:00:00Z' + (i * 864) * interval '10 milliseconds'"
            + " from generate_series(0, 99999) as i");
    // as autovacuum leaves a table that is not written to: statistics and all-visible pages
    schema.execute("vacuum analyze sms_conversations, sms_messages");
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Test
  void every_grouping_reads_the_day_from_the_usage_index_alone() {
    for (UsageGrouping grouping : UsageGrouping.values()) {
      List<String> lines =
          adapters
              .unitOfWork()
              .withHandle(
                  h ->
                      h.createQuery("explain " + PostgresUsageLedger.reportSql(grouping))
                          .bind("from", LocalDateTime.parse("2026-03-05T00:00:00"))
                          .bind("to", LocalDateTime.parse("2026-03-06T00:00:00"))
                          .mapTo(String.class)
                          .list());
      String plan = String.join("\n", lines);
      LOG.info("usage report plan by {}:\n{}", grouping.code(), plan);

      assertThat(plan)
          .as(grouping.code())
          .contains("Index Only Scan using sms_messages_usage_idx")
          .doesNotContain("Seq Scan on sms_messages");
    }
  }

  @Test
  void the_day_holds_a_tenth_of_the_messages() {
    List<UsageRow> rows = adapters.usage().report(UsagePeriod.day(DAY), UsageGrouping.DAY);

    assertThat(rows).extracting(UsageRow::group).containsExactly("2026-03-05");
    assertThat(rows.getFirst().messages()).isEqualTo(10_000);
  }
}
