package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallChange;
import io.smsfoundation.domain.call.CallRoute;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CallStore} must do. */
public abstract class CallStoreContract {

  /** Empty stores of one adapter: conversations and calls sharing one unit of work. */
  public record CallFixture(StoreFixture stores, CallStore calls) {}

  protected abstract CallFixture newFixture();

  private CallStore store;
  private UnitOfWork unitOfWork;
  private UUID conversationId;

  @BeforeEach
  void setUpStore() {
    CallFixture fixture = newFixture();
    store = fixture.calls();
    unitOfWork = fixture.stores().unitOfWork();
    Conversation conversation =
        fixture.stores().conversations().upsert(Samples.conversation(Samples.e164(), at(0)));
    conversationId = conversation.id();
  }

  static String callSid() {
    return "CA" + Samples.sid().substring(2);
  }

  private Call dialled(String sid, long second) {
    RawForm form =
        RawForm.builder()
            .add("CallSid", sid)
            .add("From", "+12015550123")
            .add("To", "+15005550006")
            .add("Tag", "b")
            .add("Tag", "a")
            .build()
            .withBody(
                ("CallSid=" + sid + "&From=%2B12015550123&To=%2B15005550006&Tag=b&Tag=a")
                    .getBytes(StandardCharsets.UTF_8));
    return Call.inbound(
        UUID.randomUUID(),
        sid,
        conversationId,
        "tenant-7",
        "+12015550123",
        "+15005550006",
        new CallRoute.Dial("dialfire", "+15551230000", "+15005550006", 20),
        form,
        at(second));
  }

  @Test
  void a_call_reads_back_with_every_field_including_the_exact_raw_form() {
    Call call = dialled(callSid(), 1);

    assertThat(store.insert(call)).isTrue();

    Call stored = store.findById(call.id()).orElseThrow();
    assertThat(stored).usingRecursiveComparison().isEqualTo(call);
    assertThat(stored.rawWebhookData()).isEqualTo(call.rawWebhookData());
    assertThat(stored.rawWebhookData().values("Tag")).containsExactly("b", "a");
    assertThat(store.findBySid(call.callSid())).contains(stored);
    assertThat(store.lockBySid(call.callSid())).contains(stored);
  }

  @Test
  void an_announced_call_keeps_its_language() {
    Call call =
        Call.inbound(
            UUID.randomUUID(),
            callSid(),
            conversationId,
            null,
            "+12015550123",
            "+15005550006",
            new CallRoute.Announcement(Language.PT),
            RawForm.empty(),
            at(1));

    store.insert(call);

    Call stored = store.findById(call.id()).orElseThrow();
    assertThat(stored.route()).isEqualTo(new CallRoute.Announcement(Language.PT));
    assertThat(stored.status()).isEqualTo(CallStatus.RECEIVED);
    assertThat(stored.routedAt()).isNull();
  }

  @Test
  void a_second_call_with_the_same_sid_is_not_inserted() {
    String sid = callSid();
    Call first = dialled(sid, 1);
    Call second = dialled(sid, 2);

    assertThat(store.insert(first)).isTrue();
    assertThat(store.insert(second)).isFalse();

    assertThat(store.findById(second.id())).isEmpty();
    assertThat(store.findBySid(sid).orElseThrow().id()).isEqualTo(first.id());
  }

  @Test
  void the_same_sid_from_16_threads_keeps_one_call() throws Exception {
    String sid = callSid();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Boolean>> inserts =
          IntStream.range(0, 16)
              .<Callable<Boolean>>mapToObj(i -> () -> store.insert(dialled(sid, i)))
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
  void a_status_update_writes_the_status_times_and_duration() {
    Call call = dialled(callSid(), 1);
    store.insert(call);
    Call ended =
        call.after(new CallChange.Moved(CallStatus.ROUTED, CallStatus.COMPLETED), 42, at(60));

    store.updateStatus(ended);

    Call stored = store.findById(call.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(stored.durationSeconds()).isEqualTo(42);
    assertThat(stored.endedAt()).isEqualTo(at(60));
    assertThat(stored.answeredAt()).isEqualTo(at(18));
    assertThat(stored.updatedAt()).isEqualTo(at(60));
    assertThat(stored.rawWebhookData()).isEqualTo(call.rawWebhookData());
    assertThat(stored.route()).isEqualTo(call.route());
  }

  @Test
  void response_times_are_recorded_once_per_call_in_batches() {
    Call first = dialled(callSid(), 1);
    Call second = dialled(callSid(), 2);
    store.insert(first);
    store.insert(second);

    assertThat(store.recordResponseTimes(Map.of(first.id(), 7L))).isEqualTo(1);
    assertThat(
            store.recordResponseTimes(
                Map.of(first.id(), 900L, second.id(), 12L, UUID.randomUUID(), 3L)))
        .isEqualTo(1);

    assertThat(store.findById(first.id()).orElseThrow().responseTimeMs()).isEqualTo(7L);
    assertThat(store.findById(second.id()).orElseThrow().responseTimeMs()).isEqualTo(12L);
  }

  @Test
  void the_history_reads_back_in_the_order_it_was_appended() {
    Call call = dialled(callSid(), 1);
    store.insert(call);
    RawForm form = RawForm.builder().add("DialCallStatus", "completed").build();
    store.appendStatusEvent(
        new CallStatusEvent(UUID.randomUUID(), call.id(), CallStatus.RECEIVED, null, null, at(1)));
    store.appendStatusEvent(
        new CallStatusEvent(UUID.randomUUID(), call.id(), CallStatus.ROUTED, null, null, at(1)));
    store.appendStatusEvent(
        new CallStatusEvent(UUID.randomUUID(), call.id(), CallStatus.COMPLETED, 42, form, at(60)));

    List<CallStatusEvent> history = store.statusEvents(call.id());

    assertThat(history)
        .extracting(CallStatusEvent::status)
        .containsExactly(CallStatus.RECEIVED, CallStatus.ROUTED, CallStatus.COMPLETED);
    assertThat(history.getLast().durationSeconds()).isEqualTo(42);
    assertThat(history.getLast().rawWebhookData()).isEqualTo(form);
  }

  @Test
  void pages_are_newest_first_and_continue_strictly_after_the_key() {
    List<Call> inserted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Call call = dialled(callSid(), 10 + i);
      store.insert(call);
      inserted.add(call);
    }

    List<Call> first = store.page(conversationId, Optional.empty(), 2);
    Call last = first.getLast();
    List<Call> rest =
        store.page(conversationId, Optional.of(new MessageKey(last.receivedAt(), last.id())), 10);

    assertThat(first)
        .extracting(Call::id)
        .containsExactly(inserted.get(4).id(), inserted.get(3).id());
    assertThat(rest)
        .extracting(Call::id)
        .containsExactly(inserted.get(2).id(), inserted.get(1).id(), inserted.get(0).id());
  }

  @Test
  void a_rolled_back_insert_leaves_nothing() {
    Call call = dialled(callSid(), 1);

    unitOfWork.inTransaction(
        tx -> {
          store.insert(call);
          store.appendStatusEvent(
              new CallStatusEvent(
                  UUID.randomUUID(), call.id(), CallStatus.RECEIVED, null, null, at(1)));
          tx.setRollbackOnly();
          return null;
        });

    assertThat(store.findById(call.id())).isEmpty();
    assertThat(store.statusEvents(call.id())).isEmpty();
    assertThat(store.insert(call)).isTrue();
  }
}
