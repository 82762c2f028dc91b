package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresMessageStoreTest {

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;
  private Conversation conversation;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.newDataSource(33));
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @BeforeEach
  void emptyTablesAndStartAConversation() {
    schema.truncateAll();
    conversation =
        adapters.conversations().upsert(Samples.conversation("+12015550123", Samples.T0));
  }

  @Test
  void inbound_message_reads_back_field_for_field() {
    Message message = Samples.inbound(conversation.id(), Samples.randomSid(), Samples.T0);

    assertThat(adapters.messages().insert(message)).isTrue();

    assertThat(adapters.messages().findById(message.id())).contains(message);
    assertThat(adapters.messages().findBySid(message.twilioSid())).contains(message);
    Message read = adapters.messages().findById(message.id()).orElseThrow();
    assertThat(read.rawWebhookData()).isEqualTo(message.rawWebhookData());
    assertThat(read.rawWebhookData().values("Body"))
        .containsExactly("Hola, ¿cuándo pasan?", "a second Body, as a repeated name may come");
    assertThat(read.language().confidence()).isEqualTo(6.0 / 7.0);
  }

  @Test
  void outbound_message_reads_back_by_idempotency_key() {
    Message message = Samples.outbound(conversation.id(), "key-1", Samples.T0);

    adapters.messages().insert(message);

    assertThat(adapters.messages().findByIdempotencyKey("key-1")).contains(message);
    assertThat(adapters.messages().findByIdempotencyKey("key-2")).isEmpty();
  }

  @Test
  void same_message_sid_from_32_threads_stores_one_row() throws Exception {
    String sid = Samples.randomSid();

    List<Boolean> inserted =
        Concurrently.run(
            32,
            () -> adapters.messages().insert(Samples.inbound(conversation.id(), sid, Samples.T0)));

    assertThat(inserted).containsOnlyOnce(true);
    assertThat(count("select count(*) from sms_messages where twilio_sid = '" + sid + "'"))
        .isEqualTo(1);
  }

  @Test
  void same_message_sid_from_32_transactions_stores_one_row() throws Exception {
    String sid = Samples.randomSid();

    List<Boolean> inserted =
        Concurrently.run(
            32,
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          Conversation c =
                              adapters
                                  .conversations()
                                  .upsert(Samples.conversation("+12015550123", Samples.T0));
                          return adapters
                              .messages()
                              .insert(Samples.inbound(c.id(), sid, Samples.T0));
                        }));

    assertThat(inserted).containsOnlyOnce(true);
    assertThat(count("select count(*) from sms_messages")).isEqualTo(1);
    assertThat(count("select count(*) from sms_conversations")).isEqualTo(1);
  }

  @Test
  void same_idempotency_key_from_many_threads_stores_one_message() throws Exception {
    List<Boolean> inserted =
        Concurrently.run(
            24,
            () ->
                adapters
                    .messages()
                    .insert(Samples.outbound(conversation.id(), "same-key", Samples.T0)));

    assertThat(inserted).containsOnlyOnce(true);
    assertThat(count("select count(*) from sms_messages")).isEqualTo(1);
  }

  @Test
  void outbound_messages_without_sid_or_key_do_not_collide() {
    adapters.messages().insert(Samples.outbound(conversation.id(), null, Samples.T0));
    adapters.messages().insert(Samples.outbound(conversation.id(), null, Samples.T0));

    assertThat(count("select count(*) from sms_messages")).isEqualTo(2);
  }

  @Test
  void delivery_update_keeps_stored_sid_and_error_when_not_given() {
    Message message = Samples.outbound(conversation.id(), null, Samples.T0);
    adapters.messages().insert(message);
    String sid = Samples.randomSid();
    Instant at = Samples.T0.plusSeconds(1);

    adapters
        .messages()
        .updateDelivery(
            message.id(), new DeliveryUpdate(sid, DeliveryStatus.QUEUED, "30001", "queue", at));
    adapters
        .messages()
        .updateDelivery(
            message.id(),
            new DeliveryUpdate(null, DeliveryStatus.SENT, null, null, at.plusSeconds(1)));
    adapters
        .messages()
        .updateDelivery(
            UUID.randomUUID(), new DeliveryUpdate(null, DeliveryStatus.FAILED, null, null, at));

    Message stored = adapters.messages().findById(message.id()).orElseThrow();
    assertThat(stored.twilioSid()).isEqualTo(sid);
    assertThat(stored.deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
    assertThat(stored.errorCode()).isEqualTo("30001");
    assertThat(stored.errorMessage()).isEqualTo("queue");
    assertThat(stored.updatedAt()).isEqualTo(at.plusSeconds(1));
  }

  @Test
  void duplicate_status_events_are_skipped() throws Exception {
    Message message = Samples.outbound(conversation.id(), null, Samples.T0);
    adapters.messages().insert(message);
    String sid = Samples.randomSid();

    List<Boolean> delivered =
        Concurrently.run(
            16,
            () ->
                adapters
                    .messages()
                    .appendStatusEvent(event(message.id(), sid, DeliveryStatus.DELIVERED)));
    boolean sent =
        adapters.messages().appendStatusEvent(event(message.id(), sid, DeliveryStatus.SENT));
    boolean sentAgain =
        adapters.messages().appendStatusEvent(event(message.id(), sid, DeliveryStatus.SENT));

    assertThat(delivered).containsOnlyOnce(true);
    assertThat(sent).isTrue();
    assertThat(sentAgain).isFalse();
    assertThat(adapters.messages().statusEvents(message.id()))
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.SENT);
  }

  @Test
  void callbacks_for_an_unknown_sid_are_kept_then_attached_once_the_message_appears() {
    String sid = Samples.randomSid();
    StatusEvent sent = event(null, sid, DeliveryStatus.SENT);
    StatusEvent delivered = event(null, sid, DeliveryStatus.DELIVERED);
    assertThat(adapters.messages().appendStatusEvent(sent)).isTrue();
    assertThat(adapters.messages().appendStatusEvent(event(null, sid, DeliveryStatus.SENT)))
        .isFalse();
    assertThat(adapters.messages().appendStatusEvent(delivered)).isTrue();

    assertThat(adapters.messages().unattachedStatusEvents(sid)).containsExactly(sent, delivered);

    Message message = Samples.inbound(conversation.id(), sid, Samples.T0);
    adapters.messages().insert(message);
    adapters.messages().attachStatusEvents(sid, message.id());

    assertThat(adapters.messages().unattachedStatusEvents(sid)).isEmpty();
    assertThat(adapters.messages().statusEvents(message.id()))
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
  }

  @Test
  void attaching_never_gives_a_message_the_same_status_twice() {
    Message message = Samples.outbound(conversation.id(), null, Samples.T0);
    adapters.messages().insert(message);
    String sid = Samples.randomSid();
    adapters.messages().appendStatusEvent(event(null, sid, DeliveryStatus.SENT));
    adapters.messages().appendStatusEvent(event(message.id(), sid, DeliveryStatus.SENT));

    adapters.messages().attachStatusEvents(sid, message.id());

    assertThat(adapters.messages().statusEvents(message.id())).hasSize(1);
  }

  @Test
  void page_lists_newest_first_and_continues_strictly_after_the_cursor() {
    List<Message> inserted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Message message =
          Samples.inbound(conversation.id(), Samples.randomSid(), Samples.T0.plusSeconds(i));
      adapters.messages().insert(message);
      inserted.add(message);
    }
    // two messages in the same microsecond are ordered by id
    Message twinA = Samples.inbound(conversation.id(), Samples.randomSid(), Samples.T0);
    adapters.messages().insert(twinA);

    List<Message> first = adapters.messages().page(conversation.id(), Optional.empty(), 3);
    Message last = first.get(2);
    List<Message> rest =
        adapters
            .messages()
            .page(conversation.id(), Optional.of(new MessageKey(last.createdAt(), last.id())), 10);

    assertThat(first)
        .extracting(Message::id)
        .containsExactly(inserted.get(4).id(), inserted.get(3).id(), inserted.get(2).id());
    assertThat(rest).hasSize(3);
    assertThat(rest).extracting(Message::id).doesNotContainAnyElementsOf(ids(first));
    assertThat(rest.get(0).id()).isEqualTo(inserted.get(1).id());
    assertThat(rest.subList(1, 3))
        .extracting(Message::id)
        .containsExactlyInAnyOrder(inserted.get(0).id(), twinA.id());
  }

  @Test
  void lock_by_id_keeps_a_concurrent_writer_out_until_the_transaction_ends() throws Exception {
    Message message = Samples.outbound(conversation.id(), null, Samples.T0);
    adapters.messages().insert(message);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);

    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          adapters.messages().lockById(message.id());
                          locked.countDown();
                          await(release);
                          adapters
                              .messages()
                              .updateDelivery(
                                  message.id(),
                                  new DeliveryUpdate(
                                      null, DeliveryStatus.SENT, null, null, Samples.T0));
                          return null;
                        }),
            threads);
    await(locked);
    CompletableFuture<DeliveryStatus> contender =
        CompletableFuture.supplyAsync(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx ->
                            adapters
                                .messages()
                                .lockBySid("none")
                                .map(Message::deliveryStatus)
                                .orElseGet(
                                    () ->
                                        adapters
                                            .messages()
                                            .lockById(message.id())
                                            .orElseThrow()
                                            .deliveryStatus())),
            threads);

    awaitBackendBlockedOnLock("for update");
    release.countDown();
    holder.get(10, TimeUnit.SECONDS);

    assertThat(contender.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryStatus.SENT);
    threads.shutdown();
  }

  /** Waits until a backend of this test is blocked by another one's lock (fails after 10 s). */
  private static void awaitBackendBlockedOnLock(String queryFragment) throws InterruptedException {
    String sql =
        "select count(*) from pg_stat_activity where cardinality(pg_blocking_pids(pid)) > 0"
            + " and datname = current_database() and query like '%"
            + queryFragment
            + "%'";
    for (int i = 0; i < 1000; i++) {
      if (count(sql) > 0) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no backend got blocked on the row lock");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<UUID> ids(List<Message> messages) {
    return messages.stream().map(Message::id).toList();
  }

  private static StatusEvent event(UUID messageId, String sid, DeliveryStatus status) {
    return new StatusEvent(
        UUID.randomUUID(),
        messageId,
        sid,
        status,
        null,
        false,
        RawForm.ofSingleValues(Map.of("MessageSid", sid, "MessageStatus", status.code())),
        Samples.T0);
  }

  private static long count(String sql) {
    return adapters.unitOfWork().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
