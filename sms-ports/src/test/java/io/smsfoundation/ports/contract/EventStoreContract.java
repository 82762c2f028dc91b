package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventRouting;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.out.EventStore;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do: an outbox in the caller's transaction, a gap-free feed.
 */
public abstract class EventStoreContract {

  protected abstract EventFixture newFixture();

  private EventFixture fixture;
  private EventStore store;
  private UnitOfWork unitOfWork;

  @BeforeEach
  void setUpStore() {
    fixture = newFixture();
    store = fixture.events();
    unitOfWork = fixture.unitOfWork();
  }

  static final AtomicInteger IDS = new AtomicInteger();

  static Event event(EventType type) {
    return Event.occurred(
        "evt_" + UUID.randomUUID().toString().replace("-", ""),
        type,
        at(IDS.incrementAndGet()),
        new EventRouting(UUID.randomUUID(), "tenant-" + IDS.get(), "collections", false),
        "{\"n\":" + IDS.get() + ",\"text\":\"Olá \\\"quoted\\\"\"}");
  }

  private void appendCommitted(Event... events) {
    unitOfWork.inTransaction(
        tx -> {
          for (Event e : events) {
            store.append(e);
          }
          return null;
        });
  }

  /** Everything committed so far, once the store had the chance to number it. */
  private List<Event> feed(long after, Set<EventType> types) {
    store.assignPositions(10_000);
    return store.after(after, types, 10_000);
  }

  @Test
  void a_committed_event_reads_back_by_id_and_in_the_feed_with_a_position() {
    Event written = event(EventType.MESSAGE_RECEIVED);

    appendCommitted(written);

    List<Event> feed = feed(0, Set.of());
    assertThat(feed).singleElement().satisfies(e -> assertThat(e.position()).isPositive());
    Event read = feed.getFirst();
    assertThat(read.id()).isEqualTo(written.id());
    assertThat(read.type()).isEqualTo(written.type());
    assertThat(read.occurredAt()).isEqualTo(written.occurredAt());
    assertThat(read.routing()).isEqualTo(written.routing());
    assertThat(store.findById(written.id()))
        .hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(written.id()));
    assertThat(store.findById(written.id()).orElseThrow().data()).contains("\"n\"");
  }

  @Test
  void a_rolled_back_transaction_leaves_no_event() {
    Event written = event(EventType.MESSAGE_RECEIVED);

    unitOfWork.inTransaction(
        tx -> {
          store.append(written);
          tx.setRollbackOnly();
          return null;
        });

    assertThat(feed(0, Set.of())).isEmpty();
    assertThat(store.findById(written.id())).isEmpty();
  }

  @Test
  void the_feed_resumes_after_a_position_and_filters_by_type() {
    Event first = event(EventType.MESSAGE_RECEIVED);
    Event second = event(EventType.CONVERSATION_OPTED_OUT);
    Event third = event(EventType.MESSAGE_RECEIVED);
    appendCommitted(first, second);
    appendCommitted(third);

    List<Event> all = feed(0, Set.of());
    assertThat(all).extracting(Event::id).containsExactly(first.id(), second.id(), third.id());
    assertThat(store.after(all.getFirst().position(), Set.of(), 10))
        .extracting(Event::id)
        .containsExactly(second.id(), third.id());
    assertThat(store.after(0, Set.of(EventType.MESSAGE_RECEIVED), 10))
        .extracting(Event::id)
        .containsExactly(first.id(), third.id());
    assertThat(store.after(0, Set.of(), 2)).hasSize(2);
  }

  @Test
  void an_event_whose_transaction_commits_late_is_not_skipped_by_a_reader_that_went_ahead()
      throws Exception {
    Event early = event(EventType.MESSAGE_RECEIVED);
    Event late = event(EventType.MESSAGE_RECEIVED);
    java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> slow =
          pool.submit(
              () ->
                  unitOfWork.inTransaction(
                      tx -> {
                        store.append(early);
                        written.countDown();
                        await(release);
                        return null;
                      }));
      assertThat(written.await(20, TimeUnit.SECONDS)).isTrue();
      // the in-memory store serializes transactions: the late one may only start afterwards
      if (!serializesTransactions()) {
        appendCommitted(late);
        List<Event> seen = feed(0, Set.of());
        assertThat(seen).extracting(Event::id).containsExactly(late.id());
        release.countDown();
        slow.get(20, TimeUnit.SECONDS);
        assertThat(feed(seen.getLast().position(), Set.of()))
            .extracting(Event::id)
            .containsExactly(early.id());
      } else {
        release.countDown();
        slow.get(20, TimeUnit.SECONDS);
        appendCommitted(late);
        assertThat(feed(0, Set.of())).extracting(Event::id).containsExactly(early.id(), late.id());
      }
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** Whether transactions of this adapter run one at a time (the in-memory one does). */
  protected boolean serializesTransactions() {
    return false;
  }

  @Test
  void the_feed_read_during_eight_concurrent_writers_yields_every_event_once_in_order()
      throws Exception {
    int writers = 8;
    int perWriter = 40;
    Set<String> committed = ConcurrentHashMap.newKeySet();
    List<Event> seen = new ArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    Event e = event(EventType.MESSAGE_RECEIVED);
                    boolean holdOpen = ThreadLocalRandom.current().nextInt(5) == 0;
                    unitOfWork.inTransaction(
                        tx -> {
                          store.append(e);
                          if (holdOpen) {
                            pause(Duration.ofMillis(5 + ThreadLocalRandom.current().nextInt(40)));
                          }
                          return null;
                        });
                    committed.add(e.id());
                  }
                  return null;
                }));
      }
      // a second sequencer racing the reader's own calls
      Future<?> sequencer =
          pool.submit(
              () -> {
                while (writing.get()) {
                  store.assignPositions(7);
                }
                return null;
              });
      long cursor = 0;
      while (writing.get()) {
        store.assignPositions(13);
        List<Event> page = store.after(cursor, Set.of(), 25);
        seen.addAll(page);
        if (!page.isEmpty()) {
          cursor = page.getLast().position();
        }
        writing.set(tasks.stream().anyMatch(t -> !t.isDone()));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
      sequencer.get();
      List<Event> rest;
      do {
        store.assignPositions(100);
        rest = store.after(cursor, Set.of(), 25);
        seen.addAll(rest);
        if (!rest.isEmpty()) {
          cursor = rest.getLast().position();
        }
      } while (!rest.isEmpty());
    } finally {
      pool.shutdownNow();
    }

    List<String> ids = seen.stream().map(Event::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(committed);
    assertThat(ids).hasSize(writers * perWriter);
    List<Long> positions = seen.stream().map(Event::position).toList();
    assertThat(positions).isSorted();
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
