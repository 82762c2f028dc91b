package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.reply.Reply;
import io.smsfoundation.domain.reply.ReplyOrigin;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.MessageStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MessageStore} must do. */
public abstract class MessageStoreContract {

  protected abstract StoreFixture newFixture();

  private StoreFixture fixture;
  private MessageStore store;
  private UUID conversationId;

  @BeforeEach
  void setUpStore() {
    fixture = newFixture();
    store = fixture.messages();
    Conversation conversation =
        fixture.conversations().upsert(Samples.conversation(Samples.e164(), at(0)));
    conversationId = conversation.id();
  }

  @Test
  void an_inbound_message_reads_back_with_every_field_including_the_raw_form() {
    Message message = Samples.inbound(conversationId, Samples.sid(), at(1));

    assertThat(store.insert(message)).isTrue();

    Message stored = store.findById(message.id()).orElseThrow();
    assertThat(stored).usingRecursiveComparison().isEqualTo(message);
    assertThat(stored.rawWebhookData()).isEqualTo(message.rawWebhookData());
    assertThat(stored.rawWebhookData().values("Tag")).containsExactly("b", "a");
    assertThat(store.findBySid(message.twilioSid())).contains(stored);
  }

  @Test
  void a_reply_reads_back_with_its_origin_and_a_throttled_message_with_its_mark() {
    Message inbound = Samples.inbound(conversationId, Samples.sid(), at(1)).asThrottled();
    Message reply =
        Message.reply(
            UUID.randomUUID(),
            inbound,
            new Reply(Reply.Source.AUTO_REPLY, "after-hours", "We are closed", Language.EN),
            at(2));

    store.insert(inbound);
    store.insert(reply);

    assertThat(store.findById(inbound.id()).orElseThrow().throttled()).isTrue();
    Message stored = store.findById(reply.id()).orElseThrow();
    assertThat(stored).usingRecursiveComparison().isEqualTo(reply);
    assertThat(stored.replyOrigin())
        .isEqualTo(new ReplyOrigin(Reply.Source.AUTO_REPLY, inbound.id(), "after-hours"));
    assertThat(stored.throttled()).isFalse();
  }

  @Test
  void replies_are_counted_since_a_time_and_found_by_rule_and_by_what_they_answer() {
    Message first = Samples.inbound(conversationId, Samples.sid(), at(10));
    Message second = Samples.inbound(conversationId, Samples.sid(), at(20));
    Message help = reply(first, Reply.Source.COMPLIANCE, null, at(10));
    Message rule = reply(first, Reply.Source.AUTO_REPLY, "unknown-sender", at(11));
    Message later = reply(second, Reply.Source.AUTO_REPLY, "unknown-sender", at(21));
    List.of(first, second, help, rule, later).forEach(store::insert);
    // an API send is no reply
    store.insert(Samples.outbound(conversationId, null, at(15)));
    UUID elsewhere =
        fixture.conversations().upsert(Samples.conversation(Samples.e164(), at(0))).id();
    Message other = Samples.inbound(elsewhere, Samples.sid(), at(12));
    store.insert(other);
    store.insert(reply(other, Reply.Source.AUTO_REPLY, "unknown-sender", at(30)));

    assertThat(store.repliesSince(conversationId, at(0))).isEqualTo(3);
    assertThat(store.repliesSince(conversationId, at(11))).isEqualTo(2);
    assertThat(store.repliesSince(conversationId, at(22))).isZero();
    assertThat(store.lastReplyOfRule(conversationId, "unknown-sender")).contains(at(21));
    assertThat(store.lastReplyOfRule(conversationId, "after-hours")).isEmpty();
    assertThat(store.repliesTo(first.id()))
        .extracting(Message::id)
        .containsExactly(help.id(), rule.id());
    assertThat(store.repliesTo(second.id())).extracting(Message::id).containsExactly(later.id());
    assertThat(store.repliesTo(help.id())).isEmpty();
  }

  private static Message reply(Message inbound, Reply.Source source, String rule, Instant at) {
    return Message.reply(
        UUID.randomUUID(), inbound, new Reply(source, rule, "text " + at, Language.EN), at);
  }

  @Test
  void the_inbound_summary_counts_inbound_messages_and_names_the_first() {
    assertThat(store.inboundSummary(conversationId))
        .isEqualTo(new MessageStore.InboundSummary(0, null));
    Message first = Samples.inbound(conversationId, Samples.sid(), at(1));
    Message second = Samples.inbound(conversationId, Samples.sid(), at(2));
    store.insert(second);
    store.insert(first);
    store.insert(Samples.outbound(conversationId, null, at(0)));

    assertThat(store.inboundSummary(conversationId))
        .isEqualTo(new MessageStore.InboundSummary(2, first.id()));
  }

  @Test
  void an_outbound_message_reads_back_by_idempotency_key() {
    Message message = Samples.outbound(conversationId, "key-1", at(1));

    assertThat(store.insert(message)).isTrue();

    assertThat(store.findByIdempotencyKey("key-1").orElseThrow())
        .usingRecursiveComparison()
        .isEqualTo(message);
    assertThat(store.findByIdempotencyKey("key-2")).isEmpty();
  }

  @Test
  void a_second_message_with_the_same_sid_is_not_stored() {
    String sid = Samples.sid();
    Message first = Samples.inbound(conversationId, sid, at(1));
    Message second = Samples.inbound(conversationId, sid, at(2));

    assertThat(store.insert(first)).isTrue();
    assertThat(store.insert(second)).isFalse();

    assertThat(store.findById(second.id())).isEmpty();
    assertThat(store.findBySid(sid).orElseThrow().id()).isEqualTo(first.id());
  }

  @Test
  void a_second_message_with_the_same_idempotency_key_is_not_stored() {
    Message first = Samples.outbound(conversationId, "same-key", at(1));
    Message second = Samples.outbound(conversationId, "same-key", at(2));

    assertThat(store.insert(first)).isTrue();
    assertThat(store.insert(second)).isFalse();
    assertThat(store.findById(second.id())).isEmpty();
  }

  @Test
  void the_same_sid_from_32_threads_stores_one_message() throws Exception {
    String sid = Samples.sid();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Callable<Boolean>> inserts =
          IntStream.range(0, 32)
              .<Callable<Boolean>>mapToObj(
                  i -> () -> store.insert(Samples.inbound(conversationId, sid, at(i))))
              .toList();
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> f : pool.invokeAll(inserts)) {
        results.add(f.get());
      }
      assertThat(results).containsOnlyOnce(true);
      assertThat(store.page(conversationId, Optional.empty(), 100)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pages_are_newest_first_and_continue_strictly_after_the_key() {
    List<Message> inserted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Message m = Samples.inbound(conversationId, Samples.sid(), at(10 + i));
      store.insert(m);
      inserted.add(m);
    }

    List<Message> first = store.page(conversationId, Optional.empty(), 2);
    Message last = first.getLast();
    List<Message> second =
        store.page(conversationId, Optional.of(new MessageKey(last.createdAt(), last.id())), 2);

    assertThat(first)
        .extracting(Message::id)
        .containsExactly(inserted.get(4).id(), inserted.get(3).id());
    assertThat(second)
        .extracting(Message::id)
        .containsExactly(inserted.get(2).id(), inserted.get(1).id());
  }

  @Test
  void messages_created_at_the_same_instant_are_ordered_by_id_without_gaps_or_repeats() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Message m = Samples.inbound(conversationId, Samples.sid(), at(20));
      store.insert(m);
      ids.add(m.id());
    }

    List<UUID> seen = new ArrayList<>();
    Optional<MessageKey> after = Optional.empty();
    for (int round = 0; round < 10; round++) {
      List<Message> page = store.page(conversationId, after, 3);
      if (page.isEmpty()) {
        break;
      }
      page.forEach(m -> seen.add(m.id()));
      Message last = page.getLast();
      after = Optional.of(new MessageKey(last.createdAt(), last.id()));
    }

    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    List<MessageKey> keys = seen.stream().map(id -> new MessageKey(at(20), id)).toList();
    assertThat(keys).isSortedAccordingTo(MessageKey.NEWEST_FIRST);
  }

  @Test
  void pages_hold_only_the_conversations_own_messages() {
    Conversation other =
        fixture.conversations().upsert(Samples.conversation(Samples.e164(), at(0)));
    store.insert(Samples.inbound(other.id(), Samples.sid(), at(1)));
    Message mine = Samples.inbound(conversationId, Samples.sid(), at(2));
    store.insert(mine);

    assertThat(store.page(conversationId, Optional.empty(), 10))
        .extracting(Message::id)
        .containsExactly(mine.id());
  }

  @Test
  void a_delivery_update_records_the_sid_and_keeps_fields_it_does_not_set() {
    Message message = Samples.outbound(conversationId, null, at(1));
    store.insert(message);
    String sid = Samples.sid();

    store.updateDelivery(
        message.id(),
        new DeliveryUpdate(sid, DeliveryStatus.FAILED, "30003", "unreachable", at(2)));
    store.updateDelivery(
        message.id(), new DeliveryUpdate(null, DeliveryStatus.FAILED, null, null, at(3)));

    Message stored = store.findBySid(sid).orElseThrow();
    assertThat(stored.id()).isEqualTo(message.id());
    assertThat(stored.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(stored.errorCode()).isEqualTo("30003");
    assertThat(stored.errorMessage()).isEqualTo("unreachable");
    assertThat(stored.updatedAt()).isEqualTo(at(3));
    assertThat(stored.content()).isEqualTo(message.content());
  }

  @Test
  void an_unknown_status_word_is_stored_as_it_came() {
    Message message = Samples.outbound(conversationId, null, at(1));
    store.insert(message);

    store.appendStatusEvent(Samples.event(message.id(), Samples.sid(), "brand_new_status", at(2)));

    assertThat(store.statusEvents(message.id()))
        .extracting(e -> e.status().code())
        .containsExactly("brand_new_status");
  }

  @Test
  void status_events_are_kept_in_order_and_a_repeated_status_is_skipped() {
    Message message = Samples.outbound(conversationId, null, at(1));
    store.insert(message);
    String sid = Samples.sid();

    assertThat(store.appendStatusEvent(Samples.event(message.id(), sid, "sent", at(2)))).isTrue();
    assertThat(store.appendStatusEvent(Samples.event(message.id(), sid, "delivered", at(3))))
        .isTrue();
    assertThat(store.appendStatusEvent(Samples.event(message.id(), sid, "sent", at(4)))).isFalse();

    assertThat(store.statusEvents(message.id()))
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
  }

  @Test
  void callbacks_for_an_unknown_sid_are_kept_then_attached_to_their_message() {
    String sid = Samples.sid();
    assertThat(store.appendStatusEvent(Samples.event(null, sid, "sent", at(1)))).isTrue();
    assertThat(store.appendStatusEvent(Samples.event(null, sid, "sent", at(2)))).isFalse();
    assertThat(store.appendStatusEvent(Samples.event(null, sid, "delivered", at(3)))).isTrue();
    assertThat(store.unattachedStatusEvents(sid))
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);

    Message message = Samples.outbound(conversationId, null, at(4));
    store.insert(message);
    store.attachStatusEvents(sid, message.id());

    assertThat(store.unattachedStatusEvents(sid)).isEmpty();
    assertThat(store.statusEvents(message.id()))
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
  }

  @Test
  void a_locked_message_is_read_inside_a_unit_of_work() {
    Message message = Samples.inbound(conversationId, Samples.sid(), at(1));
    store.insert(message);

    Optional<Message> byId = fixture.unitOfWork().inTransaction(tx -> store.lockById(message.id()));
    Optional<Message> bySid =
        fixture.unitOfWork().inTransaction(tx -> store.lockBySid(message.twilioSid()));

    assertThat(byId.map(Message::id)).contains(message.id());
    assertThat(bySid.map(Message::id)).contains(message.id());
    Optional<Message> none =
        fixture.unitOfWork().inTransaction(tx -> store.lockById(UUID.randomUUID()));
    assertThat(none).isEmpty();
  }

  @Test
  void a_raw_form_with_nul_and_bytes_that_are_not_utf8_keeps_its_exact_body() {
    byte[] exact = "Body=a%00b&Name=%FF%FE&From=%2B12015550123".getBytes(StandardCharsets.US_ASCII);
    RawForm form =
        RawForm.builder()
            .add("Body", "a\0b")
            .add("Name", "\uFFFD\uFFFD")
            .add("From", "+12015550123")
            .build()
            .withBody(exact);
    Message message = Samples.inbound(conversationId, Samples.sid(), at(1), "a\0b", form);

    assertThat(store.insert(message)).isTrue();

    Message stored = store.findById(message.id()).orElseThrow();
    assertThat(stored.content()).isEqualTo("a\uFFFDb");
    assertThat(stored.rawWebhookData().first("Body")).isEqualTo("a\uFFFDb");
    assertThat(stored.rawWebhookData().body()).hasValue(exact);
    assertThat(stored.rawWebhookData()).isEqualTo(message.rawWebhookData());
  }

  @Test
  void the_longest_names_and_values_read_back_as_written() {
    String name = "N".repeat(100_001);
    String value = "v😀".repeat(50_001);
    RawForm form = RawForm.builder().add(name, value).add("Body", value).build();
    Message message = Samples.inbound(conversationId, Samples.sid(), at(1), value, form);
    store.insert(message);
    store.appendStatusEvent(
        new StatusEvent(
            UUID.randomUUID(),
            message.id(),
            message.twilioSid(),
            DeliveryStatus.of("received"),
            null,
            false,
            form,
            at(2)));

    assertThat(store.findById(message.id()).orElseThrow().rawWebhookData().first(name))
        .isEqualTo(value);
    assertThat(store.page(conversationId, Optional.empty(), 1)).hasSize(1);
    assertThat(store.statusEvents(message.id()).getFirst().rawWebhookData()).isEqualTo(form);
  }

  @Test
  void a_conflicting_callback_is_kept_apart_and_never_counts_as_a_status() {
    Message message = Samples.outbound(conversationId, null, at(1));
    store.insert(message);
    String otherSid = Samples.sid();

    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              store.keepConflictingStatusEvent(
                  Samples.event(message.id(), otherSid, "delivered", at(2)));
              return null;
            });

    assertThat(store.conflictingStatusEvents(message.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.twilioSid()).isEqualTo(otherSid);
              assertThat(e.status()).isEqualTo(DeliveryStatus.DELIVERED);
              assertThat(e.rawWebhookData().first("MessageStatus")).isEqualTo("delivered");
            });
    assertThat(store.statusEvents(message.id())).isEmpty();
    assertThat(store.unattachedStatusEvents(otherSid)).isEmpty();
    assertThat(store.appendStatusEvent(Samples.event(message.id(), null, "delivered", at(3))))
        .isTrue();
  }

  @Test
  void an_idempotency_key_is_held_by_one_request_until_released_or_expired() {
    String key = "claim-" + UUID.randomUUID();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    assertThat(store.claimIdempotencyKey(key, first, at(30), at(0))).isTrue();
    assertThat(store.claimIdempotencyKey(key, second, at(40), at(10))).isFalse();
    store.releaseIdempotencyKey(key, second);
    assertThat(store.claimIdempotencyKey(key, second, at(40), at(10))).isFalse();

    store.releaseIdempotencyKey(key, first);
    assertThat(store.claimIdempotencyKey(key, second, at(40), at(10))).isTrue();
    assertThat(store.claimIdempotencyKey(key, first, at(70), at(40))).isTrue();
    assertThat(store.claimIdempotencyKey("other-" + key, second, at(70), at(40))).isTrue();
  }

  @Test
  void concurrent_claims_of_one_idempotency_key_give_it_to_one_request() throws Exception {
    String key = "claim-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        claims.add(
            pool.submit(() -> store.claimIdempotencyKey(key, UUID.randomUUID(), at(30), at(0))));
      }
      long won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
