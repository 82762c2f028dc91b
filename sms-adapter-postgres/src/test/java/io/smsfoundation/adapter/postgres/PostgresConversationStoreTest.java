package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
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
            Samples.T0,
            TenantSource.DIRECTORY,
            new TenantCheck(Samples.T0.minusSeconds(3), 2, Samples.T0.plusSeconds(3600)));

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
  void numbers_the_directory_gave_are_kept_with_source_directory_and_used_ones_with_sms() {
    adapters.tenantNumbers().recordUse("tenant-1", "+12015550001", Samples.T0);
    adapters
        .tenantNumbers()
        .recordFromDirectory("tenant-1", List.of("+12015550002", "+12015550001"), Samples.T0);

    assertThat(
            count(
                "select count(*) from sms_tenant_phone_numbers"
                    + " where source = 'directory' and phone_number_canonical = '+12015550002'"))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from sms_tenant_phone_numbers"
                    + " where source = 'sms' and phone_number_canonical = '+12015550001'"))
        .isEqualTo(1);
  }

  @Test
  void a_tenant_change_and_its_history_entry_roll_back_together() {
    var conversation =
        adapters.conversations().upsert(Samples.conversation("+12015550005", Samples.T0));

    try {
      adapters
          .unitOfWork()
          .inTransaction(
              tx -> {
                adapters.conversations().linkTenant(conversation.id(), "tenant-1", Samples.T0);
                throw new IllegalStateException("the use case failed after linking");
              });
    } catch (IllegalStateException expected) {
      // the whole transaction is gone
    }

    assertThat(adapters.conversations().findById(conversation.id()).orElseThrow().tenantId())
        .isNull();
    assertThat(adapters.conversations().tenantHistory(conversation.id())).isEmpty();
  }

  private static long count(String sql) {
    return adapters.unitOfWork().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
