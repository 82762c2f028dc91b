package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import io.smsfoundation.ports.out.ConversationCounts;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConversationStore} must do. */
public abstract class ConversationStoreContract {

  protected abstract StoreFixture newFixture();

  private ConversationStore store;

  @BeforeEach
  void setUpStore() {
    store = newFixture().conversations();
  }

  @Test
  void upsert_creates_a_conversation_that_can_be_found_by_id_and_canonical_number() {
    Conversation created = store.upsert(Samples.conversation(Samples.e164(), at(0)));

    assertThat(store.findById(created.id())).contains(created);
    assertThat(store.findByCanonical(created.address().canonical())).contains(created);
  }

  @Test
  void upsert_of_a_known_number_keeps_the_first_original_and_moves_last_message_forward() {
    String number = Samples.e164();
    Conversation first = store.upsert(Samples.conversation(number, at(0)));
    Conversation again =
        store.upsert(
            Conversation.startedAt(
                UUID.randomUUID(),
                new Address(number, "(201) 555-9999", PhoneNumberKind.E164),
                at(60)));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.address().original()).isEqualTo(first.address().original());
    assertThat(again.lastMessageAt()).isEqualTo(at(60));
    assertThat(again.createdAt()).isEqualTo(at(0));
  }

  @Test
  void upsert_never_moves_last_message_backwards() {
    String number = Samples.e164();
    store.upsert(Samples.conversation(number, at(60)));

    Conversation late = store.upsert(Samples.conversation(number, at(10)));

    assertThat(late.lastMessageAt()).isEqualTo(at(60));
  }

  @Test
  void senders_that_are_not_phone_numbers_keep_their_kind_and_text() {
    Conversation shortCode =
        store.upsert(
            Conversation.startedAt(
                UUID.randomUUID(),
                new Address("12345", " 12345", PhoneNumberKind.SHORT_CODE),
                at(0)));
    Conversation alpha =
        store.upsert(
            Conversation.startedAt(
                UUID.randomUUID(),
                new Address("VERIZON", "VERIZON", PhoneNumberKind.ALPHANUMERIC),
                at(0)));

    assertThat(store.findById(shortCode.id()).orElseThrow().address())
        .isEqualTo(new Address("12345", " 12345", PhoneNumberKind.SHORT_CODE));
    assertThat(store.findByCanonical("VERIZON").orElseThrow().id()).isEqualTo(alpha.id());
  }

  @Test
  void unknown_ids_and_numbers_find_nothing() {
    assertThat(store.findById(UUID.randomUUID())).isEmpty();
    assertThat(store.findByCanonical("+19999999999")).isEmpty();
  }

  @Test
  void a_tenant_is_linked_only_to_a_conversation_without_one() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));

    assertThat(store.linkTenant(c.id(), "tenant-1", at(5))).isTrue();
    assertThat(store.linkTenant(c.id(), "tenant-2", at(6))).isFalse();
    assertThat(store.findById(c.id()).orElseThrow().tenantId()).isEqualTo("tenant-1");
    assertThat(store.linkTenant(UUID.randomUUID(), "tenant-3", at(7))).isFalse();
  }

  @Test
  void setting_consent_says_whether_it_changed_anything() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));

    assertThat(store.setOptedOut(c.id(), false, at(1))).isFalse();
    assertThat(store.setOptedOut(c.id(), true, at(2))).isTrue();
    assertThat(store.setOptedOut(c.id(), true, at(3))).isFalse();
    assertThat(store.findById(c.id()).orElseThrow().updatedAt()).isEqualTo(at(2));
    assertThat(store.setOptedOut(UUID.randomUUID(), true, at(4))).isFalse();
  }

  @Test
  void recorded_activity_moves_the_last_message_time_forward_only() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(10)));

    store.recordActivity(c.id(), at(5));
    assertThat(store.findById(c.id()).orElseThrow().lastMessageAt()).isEqualTo(at(10));

    store.recordActivity(c.id(), at(20));
    Conversation moved = store.findById(c.id()).orElseThrow();
    assertThat(moved.lastMessageAt()).isEqualTo(at(20));
    assertThat(moved.updatedAt()).isEqualTo(at(20));

    store.recordActivity(UUID.randomUUID(), at(30));
  }

  @Test
  void counts_tell_conversations_with_a_tenant_from_those_without() {
    Conversation linked = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.linkTenant(linked.id(), "tenant-1", at(1));

    assertThat(store.counts()).isEqualTo(new ConversationCounts(1, 2));
  }

  @Test
  void language_consent_and_workflow_are_stored() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));

    store.updateLanguage(c.id(), new LanguageDetection(Language.PT, 0.87), at(1));
    store.setOptedOut(c.id(), true, at(2));
    store.setWorkflow(c.id(), "collections", "wf-42", at(3));

    Conversation stored = store.findById(c.id()).orElseThrow();
    assertThat(stored.language()).isEqualTo(new LanguageDetection(Language.PT, 0.87));
    assertThat(stored.optedOut()).isTrue();
    assertThat(stored.workflowType()).isEqualTo("collections");
    assertThat(stored.workflowId()).isEqualTo("wf-42");
    assertThat(stored.updatedAt()).isEqualTo(at(3));

    store.setOptedOut(c.id(), false, at(4));
    store.setWorkflow(c.id(), null, null, at(5));
    Conversation cleared = store.findById(c.id()).orElseThrow();
    assertThat(cleared.optedOut()).isFalse();
    assertThat(cleared.workflowType()).isNull();
    assertThat(cleared.workflowId()).isNull();
  }

  @Test
  void conversations_due_for_a_lookup_come_never_checked_first_then_least_recently_checked() {
    Conversation recent = store.upsert(Samples.conversation(Samples.e164(), at(20)));
    Conversation older = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    Conversation never = store.upsert(Samples.conversation(Samples.e164(), at(10)));
    Conversation waiting = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    Conversation active = store.upsert(Samples.conversation(Samples.e164(), at(100)));
    Conversation linked = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    Conversation noneByHand = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.recordTenantCheck(recent.id(), new TenantCheck(at(30), 1, at(35)));
    store.recordTenantCheck(older.id(), new TenantCheck(at(25), 3, at(33)));
    store.recordTenantCheck(waiting.id(), new TenantCheck(at(5), 4, at(1000)));
    store.linkTenant(linked.id(), "tenant-1", at(6));
    store.changeTenant(
        noneByHand.id(), new TenantChange.Unchanged(null), TenantSource.MANUAL, at(7));

    List<Conversation> due = store.findDueForTenantLookup(at(40), at(50), 10);
    List<Conversation> first = store.findDueForTenantLookup(at(40), at(50), 1);

    assertThat(due)
        .extracting(Conversation::id)
        .containsExactly(never.id(), older.id(), recent.id());
    assertThat(first).extracting(Conversation::id).containsExactly(never.id());
    assertThat(store.findDueForTenantLookup(at(34), at(50), 10))
        .extracting(Conversation::id)
        .containsExactly(never.id(), older.id());
    assertThat(store.findDueForTenantLookup(at(2000), at(200), 10))
        .extracting(Conversation::id)
        .contains(waiting.id(), active.id())
        .doesNotContain(linked.id(), noneByHand.id());
  }

  @Test
  void a_recorded_tenant_check_reads_back() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));

    store.recordTenantCheck(c.id(), new TenantCheck(at(10), 2, at(20)));

    assertThat(store.findById(c.id()).orElseThrow().tenantCheck())
        .isEqualTo(new TenantCheck(at(10), 2, at(20)));
  }

  @Test
  void the_least_recent_check_is_that_of_the_conversation_waiting_longest_for_a_lookup() {
    assertThat(store.leastRecentTenantCheck()).isEmpty();
    Conversation checked = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.recordTenantCheck(checked.id(), new TenantCheck(at(30), 1, at(40)));
    Conversation other = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.recordTenantCheck(other.id(), new TenantCheck(at(50), 1, at(60)));

    assertThat(store.leastRecentTenantCheck()).contains(at(30));

    store.upsert(Samples.conversation(Samples.e164(), at(45)));
    assertThat(store.leastRecentTenantCheck()).as("never checked: its creation").contains(at(45));
  }

  @Test
  void a_first_link_records_its_source_its_check_and_a_history_entry() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.recordTenantCheck(c.id(), new TenantCheck(at(1), 1, at(2)));

    store.linkTenant(c.id(), "tenant-1", at(5));

    Conversation linked = store.findById(c.id()).orElseThrow();
    assertThat(linked.tenantSource()).isEqualTo(TenantSource.DIRECTORY);
    assertThat(linked.tenantCheck()).isEqualTo(TenantCheck.answeredAt(at(5)));
    assertThat(store.tenantHistory(c.id()))
        .containsExactly(new TenantHistoryEntry(null, "tenant-1", TenantSource.DIRECTORY, at(5)));
  }

  @Test
  void a_tenant_change_applies_only_while_the_tenant_is_the_one_it_was_decided_on() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.linkTenant(c.id(), "tenant-1", at(5));

    boolean moved =
        store.changeTenant(
            c.id(),
            new TenantChange.Relinked("tenant-1", "tenant-2"),
            TenantSource.DIRECTORY,
            at(9));
    boolean stale =
        store.changeTenant(
            c.id(),
            new TenantChange.Relinked("tenant-1", "tenant-3"),
            TenantSource.DIRECTORY,
            at(9));
    boolean unlinked =
        store.changeTenant(
            c.id(), new TenantChange.Unlinked("tenant-2"), TenantSource.DIRECTORY, at(12));

    assertThat(moved).isTrue();
    assertThat(stale).isFalse();
    assertThat(unlinked).isTrue();
    Conversation after = store.findById(c.id()).orElseThrow();
    assertThat(after.tenantId()).isNull();
    assertThat(after.tenantCheck().checkedAt()).isEqualTo(at(12));
    assertThat(store.tenantHistory(c.id()))
        .containsExactly(
            new TenantHistoryEntry(null, "tenant-1", TenantSource.DIRECTORY, at(5)),
            new TenantHistoryEntry("tenant-1", "tenant-2", TenantSource.DIRECTORY, at(9)),
            new TenantHistoryEntry("tenant-2", null, TenantSource.DIRECTORY, at(12)));
  }

  @Test
  void the_directory_never_changes_a_link_set_by_hand() {
    Conversation c = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    Conversation none = store.upsert(Samples.conversation(Samples.e164(), at(0)));
    store.linkTenant(c.id(), "tenant-1", at(5));

    boolean byHand =
        store.changeTenant(
            c.id(), new TenantChange.Relinked("tenant-1", "tenant-9"), TenantSource.MANUAL, at(6));
    boolean byDirectory =
        store.changeTenant(
            c.id(),
            new TenantChange.Relinked("tenant-9", "tenant-2"),
            TenantSource.DIRECTORY,
            at(7));
    store.changeTenant(none.id(), new TenantChange.Unchanged(null), TenantSource.MANUAL, at(8));

    assertThat(byHand).isTrue();
    assertThat(byDirectory).isFalse();
    assertThat(store.linkTenant(none.id(), "tenant-3", at(9))).isFalse();
    assertThat(store.findById(c.id()).orElseThrow())
        .satisfies(
            x -> {
              assertThat(x.tenantId()).isEqualTo("tenant-9");
              assertThat(x.tenantSource()).isEqualTo(TenantSource.MANUAL);
            });
    assertThat(store.findById(none.id()).orElseThrow().tenantSetByHand()).isTrue();
    assertThat(store.tenantHistory(none.id()))
        .containsExactly(new TenantHistoryEntry(null, null, TenantSource.MANUAL, at(8)));
  }

  @Test
  void concurrent_upserts_of_one_number_make_one_conversation() throws Exception {
    String number = Samples.e164();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Conversation>> results =
          pool.invokeAll(
              IntStream.range(0, 16)
                  .<Callable<Conversation>>mapToObj(
                      i -> () -> store.upsert(Samples.conversation(number, at(i))))
                  .toList());
      Set<UUID> ids = new HashSet<>();
      for (Future<Conversation> result : results) {
        ids.add(result.get().id());
      }
      assertThat(ids).hasSize(1);
      assertThat(store.findByCanonical(number).orElseThrow().lastMessageAt()).isEqualTo(at(15));
    } finally {
      pool.shutdownNow();
    }
  }
}
