package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.out.MessageKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The conversation page queries read the page index, not the table, on 100,000 messages. */
class ConversationPageIndexTest {

  private static final Logger LOG = LoggerFactory.getLogger(ConversationPageIndexTest.class);

  /** The conversation with 20,000 of the messages; 400 others share the remaining 80,000. */
  private static final UUID BUSY = UUID.nameUUIDFromBytes("busy".getBytes());

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void fillTheTable() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
    schema.execute(
        "insert into sms_conversations (id, phone_number_canonical, phone_number_original,"
            + " last_message_at, created_at, updated_at)"
            + " select case when k = 0 then '"
            + BUSY
            + "'::uuid else md5(k::text)::uuid end,"
            + " '+1201' || lpad(k::text, 7, '0'), '+1201' || lpad(k::text, 7, '0'),"
            + " now(), now(), now()"
            + " from generate_series(0, 400) as k");
    schema.execute(
        "insert into sms_messages (id, conversation_id, direction, twilio_sid, from_number,"
            + " to_number, message_content, num_segments, delivery_status, raw_webhook_data,"
            + " created_at, updated_at)"
            + " select gen_random_uuid(),"
            + " case when i <= 20000 then '"
            + BUSY
            + "'::uuid else md5((1 + i % 400)::text)::uuid end,"
            + " 'inbound', 'SM' || md5(i::text), '+12015550123', '+15005550006',"
            + " 'message number ' || i, 1, 'received',"
            + " jsonb_build_object('MessageSid', 'SM' || md5(i::text), 'Body', 'message ' || i),"
            + " timestamptz '2026-01-01 00:00:00Z' + (i / 3) * interval '1 second',"
            + " timestamptz '2026-01-01 00:00:00Z' + (i / 3) * interval '1 second'"
            + " from generate_series(1, 100000) as i");
    schema.execute("analyze sms_conversations, sms_messages");
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Test
  void table_holds_100000_messages() {
    long count =
        adapters
            .unitOfWork()
            .withHandle(
                h -> h.createQuery("select count(*) from sms_messages").mapTo(Long.class).one());

    assertThat(count).isEqualTo(100_000);
  }

  @Test
  void first_page_reads_the_page_index_without_sorting() {
    List<String> plan =
        adapters
            .unitOfWork()
            .withHandle(
                h ->
                    explain(h, MessageDao.FIRST_PAGE)
                        .bind("conversationId", BUSY)
                        .bind("limit", 20)
                        .mapTo(String.class)
                        .list());
    LOG.info("first page plan:\n{}", String.join("\n", plan));

    assertThat(String.join("\n", plan))
        .contains("Index Scan using sms_messages_conversation_page_idx")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
  }

  @Test
  void next_page_seeks_into_the_page_index_without_sorting() {
    List<String> plan =
        adapters
            .unitOfWork()
            .withHandle(
                h ->
                    explain(h, MessageDao.PAGE_AFTER)
                        .bind("conversationId", BUSY)
                        .bind("afterCreatedAt", Instant.parse("2026-01-01T01:00:00Z"))
                        .bind("afterId", UUID.randomUUID())
                        .bind("limit", 20)
                        .mapTo(String.class)
                        .list());
    LOG.info("next page plan:\n{}", String.join("\n", plan));

    String text = String.join("\n", plan);
    assertThat(text)
        .contains("Index Scan using sms_messages_conversation_page_idx")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
    // the keyset condition is an index condition, not a filter on rows already read
    assertThat(text).containsPattern("Index Cond: .*created_at.*id");
  }

  @Test
  void paging_through_the_busy_conversation_sees_every_message_once() {
    var seen = new HashSet<UUID>();
    Optional<MessageKey> after = Optional.empty();
    for (int round = 0; round < 300; round++) {
      var page = adapters.messages().page(BUSY, after, 100);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(m -> seen.add(m.id()));
      var last = page.getLast();
      after =
          java.util.Optional.of(
              new io.smsfoundation.ports.out.MessageKey(last.createdAt(), last.id()));
    }

    assertThat(seen).hasSize(20_000);
  }

  private static Query explain(Handle handle, String sql) {
    return handle.createQuery("explain (costs off) " + sql);
  }
}
