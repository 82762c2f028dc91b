package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.ports.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresUnitOfWorkTest {

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
  void use_case_whose_second_write_fails_leaves_no_trace_of_the_first() {
    Conversation conversation = Samples.conversation("+12015550123", Samples.T0);

    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          adapters.conversations().upsert(conversation);
                          // the conversation id does not exist: the foreign key refuses it
                          return adapters
                              .messages()
                              .insert(
                                  Samples.inbound(
                                      UUID.randomUUID(), Samples.randomSid(), Samples.T0));
                        }))
        .isInstanceOf(JdbiException.class);

    assertThat(adapters.conversations().findByCanonical("+12015550123")).isEmpty();
    assertThat(count("select count(*) from sms_messages")).isZero();
  }

  @Test
  void background_work_holds_at_most_its_share_of_transactions_and_requests_pass_it()
      throws Exception {
    PostgresUnitOfWork unitOfWork = new PostgresUnitOfWork(schema.dataSource(), 1);
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    Runnable job =
        () ->
            PostgresUnitOfWork.inBackground(
                () ->
                    unitOfWork.inTransaction(
                        tx -> {
                          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          firstInside.countDown();
                          try {
                            releaseFirst.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          // nested units of work join the one transaction, taking nothing more
                          unitOfWork.inTransaction(nested -> null);
                          inside.decrementAndGet();
                          return null;
                        }));
    try (ExecutorService jobs = Executors.newFixedThreadPool(2)) {
      Future<?> first = jobs.submit(job);
      assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> second = jobs.submit(job);

      // a request is not held back by the background work that fills its share
      String answer = unitOfWork.inTransaction(tx -> "request");
      assertThat(answer).isEqualTo("request");
      Thread.sleep(300);
      assertThat(inside.get()).as("the second job waits for the first").isEqualTo(1);

      releaseFirst.countDown();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    }
    assertThat(mostInside.get()).isEqualTo(1);
  }

  @Test
  void exception_thrown_by_the_work_rolls_back_and_is_rethrown() {
    IllegalStateException failure = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          adapters
                              .conversations()
                              .upsert(Samples.conversation("+12015550123", Samples.T0));
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(count("select count(*) from sms_conversations")).isZero();
  }

  @Test
  void all_writes_of_a_unit_of_work_commit_together() {
    Message message =
        adapters
            .unitOfWork()
            .inTransaction(
                tx -> {
                  Conversation c =
                      adapters
                          .conversations()
                          .upsert(Samples.conversation("+12015550123", Samples.T0));
                  Message m = Samples.inbound(c.id(), Samples.randomSid(), Samples.T0);
                  adapters.messages().insert(m);
                  return m;
                });

    assertThat(adapters.messages().findById(message.id())).contains(message);
  }

  @Test
  void writes_are_invisible_to_other_connections_until_commit() {
    Conversation conversation = Samples.conversation("+12015550123", Samples.T0);
    List<Boolean> seenFromOutside = new ArrayList<>();

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              adapters.conversations().upsert(conversation);
              seenFromOutside.add(
                  adapters
                      .unitOfWork()
                      .jdbi()
                      .withHandle(
                          h ->
                              h.createQuery("select count(*) from sms_conversations")
                                      .mapTo(Long.class)
                                      .one()
                                  > 0));
              seenFromOutside.add(adapters.conversations().findById(conversation.id()).isPresent());
              return null;
            });

    assertThat(seenFromOutside).containsExactly(false, true);
  }

  @Test
  void rollback_only_discards_the_writes_without_an_exception() {
    String result =
        adapters
            .unitOfWork()
            .inTransaction(
                tx -> {
                  adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));
                  tx.setRollbackOnly();
                  return "done";
                });

    assertThat(result).isEqualTo("done");
    assertThat(count("select count(*) from sms_conversations")).isZero();
  }

  @Test
  void after_commit_actions_run_after_commit_and_never_after_rollback() {
    List<String> ran = new ArrayList<>();

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              tx.afterCommit(
                  () ->
                      ran.add(
                          "committed, conversation visible: "
                              + (count("select count(*) from sms_conversations") == 1)));
              adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));
              return null;
            });
    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              tx.afterCommit(() -> ran.add("rolled back"));
              tx.setRollbackOnly();
              return null;
            });
    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          tx.afterCommit(() -> ran.add("failed"));
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");

    assertThat(ran).containsExactly("committed, conversation visible: true");
  }

  @Test
  void nested_unit_of_work_joins_the_outer_transaction() {
    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        outer -> {
                          adapters
                              .unitOfWork()
                              .inTransaction(
                                  inner ->
                                      adapters
                                          .conversations()
                                          .upsert(
                                              Samples.conversation("+12015550123", Samples.T0)));
                          throw new IllegalStateException("outer fails after the inner work");
                        }))
        .hasMessage("outer fails after the inner work");

    assertThat(count("select count(*) from sms_conversations")).isZero();
  }

  @Test
  void swallowed_failure_of_a_nested_unit_of_work_does_not_commit_silently() {
    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        outer -> {
                          adapters
                              .conversations()
                              .upsert(Samples.conversation("+12015550123", Samples.T0));
                          try {
                            adapters
                                .unitOfWork()
                                .inTransaction(
                                    inner -> {
                                      throw new IllegalStateException("inner");
                                    });
                          } catch (IllegalStateException ignored) {
                            // the caller decides to carry on
                          }
                          return null;
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rolled back");

    assertThat(count("select count(*) from sms_conversations")).isZero();
  }

  @Test
  void store_calls_outside_a_unit_of_work_commit_on_their_own() {
    adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));

    assertThat(count("select count(*) from sms_conversations")).isEqualTo(1);
  }

  private static long count(String sql) {
    return adapters.unitOfWork().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void a_database_that_cannot_be_reached_is_reported_as_a_store_unavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setServerNames(new String[] {"127.0.0.1"});
    nowhere.setPortNumbers(new int[] {1});
    nowhere.setDatabaseName("sms");
    nowhere.setUser("sms_user");
    nowhere.setPassword("secret-password");
    nowhere.setConnectTimeout(2);
    PostgresUnitOfWork unreachable = new PostgresUnitOfWork(nowhere);
    PostgresConversationStore conversations = new PostgresConversationStore(unreachable);

    assertThatThrownBy(() -> unreachable.inTransaction(tx -> conversations.findByCanonical("x")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageNotContaining("secret-password")
        .hasMessageNotContaining("sms_user");
    assertThatThrownBy(() -> conversations.findByCanonical("x"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void a_statement_the_database_refuses_is_not_an_outage() {
    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> adapters.unitOfWork().withHandle(h -> h.execute("selec 1"))))
        .isInstanceOf(JdbiException.class)
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void a_failed_statement_never_shows_its_bound_values() {
    Message orphan = Samples.inbound(UUID.randomUUID(), Samples.randomSid(), Samples.T0);

    assertThatThrownBy(() -> adapters.messages().insert(orphan))
        .isInstanceOfSatisfying(
            JdbiException.class,
            e -> {
              String everything = e + " " + e.getCause();
              assertThat(everything).contains("sms_messages", "foreign key");
              assertThat(everything)
                  .doesNotContain(
                      orphan.from(), orphan.content(), orphan.conversationId().toString());
            });
  }
}
