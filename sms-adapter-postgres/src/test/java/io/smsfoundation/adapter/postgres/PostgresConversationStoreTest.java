package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresConversationStoreTest {

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @BeforeEach
  void emptyTables() {
    schema.truncateAll();
  }

  @Test
  void stored_conversation_reads_back_field_for_field() {
    Conversation candidate =
        new Conversation(
            UUID.randomUUID(),
            new Address("12345", " 12345", PhoneNumberKind.SHORT_CODE),
            "tenant-7",
            "collections",
            "wf-1",
            new LanguageDetection(Language.PT, 0.8571428571428571),
            true,
            Samples.T0,
            Samples.T0.minusSeconds(5),
            Samples.T0);

    Conversation stored = adapters.conversations().upsert(candidate);

    assertThat(stored).isEqualTo(candidate);
    assertThat(adapters.conversations().findById(candidate.id())).contains(candidate);
    assertThat(adapters.conversations().findByCanonical("12345")).contains(candidate);
  }

  @Test
  void second_upsert_keeps_first_original_and_moves_last_message_forward_only() {
    Conversation first = Samples.conversation("+12015550123", Samples.T0);
    adapters.conversations().upsert(first);

    Conversation later =
        Conversation.startedAt(
            UUID.randomUUID(),
            new Address("+12015550123", "(201) 555-0123", PhoneNumberKind.E164),
            Samples.T0.plusSeconds(60));
    Conversation afterLater = adapters.conversations().upsert(later);
    Conversation afterEarlier =
        adapters
            .conversations()
            .upsert(Samples.conversation("+12015550123", Samples.T0.minusSeconds(60)));

    assertThat(afterLater.id()).isEqualTo(first.id());
    assertThat(afterLater.address().original()).isEqualTo("+12015550123");
    assertThat(afterLater.lastMessageAt()).isEqualTo(Samples.T0.plusSeconds(60));
    assertThat(afterEarlier.lastMessageAt()).isEqualTo(Samples.T0.plusSeconds(60));
    assertThat(afterEarlier.createdAt()).isEqualTo(Samples.T0);
  }

  @Test
  void concurrent_upserts_of_one_number_make_one_conversation() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<UUID>> ids = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Callable<UUID> upsert =
          () -> {
            start.await();
            return adapters
                .conversations()
                .upsert(Samples.conversation("+12015550199", Samples.T0))
                .id();
          };
      ids.add(pool.submit(upsert));
    }
    start.countDown();
    List<UUID> seen = new ArrayList<>();
    for (Future<UUID> id : ids) {
      seen.add(id.get());
    }
    pool.shutdown();

    assertThat(seen).hasSize(threads).containsOnly(seen.get(0));
    assertThat(count("select count(*) from sms_conversations")).isEqualTo(1);
  }

  @Test
  void tenant_is_linked_once() {
    Conversation conversation =
        adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));

    boolean first = adapters.conversations().linkTenant(conversation.id(), "t-1", Samples.T0);
    boolean second = adapters.conversations().linkTenant(conversation.id(), "t-2", Samples.T0);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(adapters.conversations().findById(conversation.id()))
        .get()
        .extracting(Conversation::tenantId)
        .isEqualTo("t-1");
  }

  @Test
  void language_opt_out_and_workflow_updates_are_stored() {
    Conversation conversation =
        adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));
    var at = Samples.T0.plusSeconds(1);

    adapters
        .conversations()
        .updateLanguage(conversation.id(), new LanguageDetection(Language.ES, 0.1 + 0.2), at);
    adapters.conversations().setOptedOut(conversation.id(), true, at);
    adapters.conversations().setWorkflow(conversation.id(), "collections", "wf-9", at);

    Conversation stored = adapters.conversations().findById(conversation.id()).orElseThrow();
    assertThat(stored.language()).isEqualTo(new LanguageDetection(Language.ES, 0.1 + 0.2));
    assertThat(stored.optedOut()).isTrue();
    assertThat(stored.workflowType()).isEqualTo("collections");
    assertThat(stored.workflowId()).isEqualTo("wf-9");
    assertThat(stored.updatedAt()).isEqualTo(at);
  }

  @Test
  void conversations_without_tenant_come_oldest_first_up_to_the_limit() {
    var old = adapters.conversations().upsert(Samples.conversation("+12015550001", Samples.T0));
    var older =
        adapters
            .conversations()
            .upsert(Samples.conversation("+12015550002", Samples.T0.minus(Duration.ofHours(1))));
    var linked =
        adapters
            .conversations()
            .upsert(Samples.conversation("+12015550003", Samples.T0.minus(Duration.ofHours(2))));
    adapters.conversations().linkTenant(linked.id(), "t", Samples.T0);
    adapters
        .conversations()
        .upsert(Samples.conversation("+12015550004", Samples.T0.plus(Duration.ofHours(1))));

    assertThat(adapters.conversations().findWithoutTenant(Samples.T0, 10))
        .extracting(Conversation::id)
        .containsExactly(older.id(), old.id());
    assertThat(adapters.conversations().findWithoutTenant(Samples.T0, 1))
        .extracting(Conversation::id)
        .containsExactly(older.id());
  }

  private static long count(String sql) {
    return adapters.unitOfWork().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
