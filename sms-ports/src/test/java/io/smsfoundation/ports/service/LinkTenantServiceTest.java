package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.LinkTenant.LinkOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.SetTenant;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantHistoryEntry;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinkTenantServiceTest {

  private final Harness h = new Harness();

  private UUID receive(String from, String body) {
    return ((InboundOutcome.Accepted) h.receive(from, body)).conversationId();
  }

  @Test
  void a_tenant_known_by_its_e164_number_is_found_on_the_second_variant() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.UNKNOWN));
    UUID conversationId = receive("(201) 555-0123", "hi, is the office open?");

    h.runJobs();

    assertThat(h.adapters.tenantDirectory().askedVariants())
        .containsExactly("(201) 555-0123", "+12015550123");
    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isEqualTo("tenant-1");
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-1")).containsExactly("+12015550123");
  }

  @Test
  void a_tenant_known_by_the_national_number_is_found_on_a_later_variant() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-2", List.of("2015550123"), Language.UNKNOWN));
    UUID conversationId = receive("+12015550123", "ok");

    LinkOutcome outcome = h.services.linkTenant().link(conversationId);

    assertThat(outcome).isEqualTo(new LinkOutcome.Linked("tenant-2", "2015550123"));
  }

  @Test
  void a_number_nobody_knows_stays_unlinked_without_error() {
    UUID conversationId = receive("+12015550123", "hello");

    assertThat(h.services.linkTenant().link(conversationId))
        .isInstanceOf(LinkOutcome.NoTenant.class);
    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isNull();
  }

  @Test
  void a_directory_outage_retries_the_job_until_the_directory_is_back() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.UNKNOWN));
    h.adapters.tenantDirectory().setAvailable(false);
    UUID conversationId = receive("+12015550123", "hello");

    h.adapters.jobQueue().runPending();
    h.adapters.jobQueue().runPending();
    assertThat(h.adapters.jobQueue().size()).as("the link job is still waiting").isEqualTo(1);
    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isNull();

    h.adapters.tenantDirectory().setAvailable(true);
    h.runJobs();

    assertThat(h.adapters.jobQueue().size()).isZero();
    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isEqualTo("tenant-1");
  }

  @Test
  void an_unknown_conversation_linked_later_keeps_one_conversation_and_all_messages() {
    UUID conversationId = receive("+12015550123", "first message");
    h.runJobs();
    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isNull();

    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.UNKNOWN));
    UUID again = receive("+12015550123", "second message");
    h.runJobs();
    receive("+12015550123", "third message");
    h.runJobs();

    assertThat(again).isEqualTo(conversationId);
    Conversation linked = h.conversation("+12015550123");
    assertThat(linked.tenantId()).isEqualTo("tenant-1");
    assertThat(h.messagesOf(conversationId)).hasSize(3);
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-1")).containsExactly("+12015550123");
  }

  @Test
  void reconciliation_links_quiet_unknown_conversations() {
    UUID conversationId = receive("+12015550123", "hello");
    h.runJobs();
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.UNKNOWN));

    assertThat(h.services.reconcileUnknownConversations().reconcile(100))
        .as("just asked, by the job of its inbound message")
        .isZero();
    h.clock.advance(Duration.ofMinutes(59));
    assertThat(h.services.reconcileUnknownConversations().reconcile(100)).isZero();
    h.clock.advance(Duration.ofMinutes(2));
    assertThat(h.services.reconcileUnknownConversations().reconcile(100)).isEqualTo(1);
    h.runJobs();

    assertThat(h.adapters.conversations().findById(conversationId).orElseThrow().tenantId())
        .isEqualTo("tenant-1");
    assertThat(h.services.reconcileUnknownConversations().reconcile(100)).isZero();
  }

  @Test
  void an_unknown_number_is_asked_about_again_after_1_hour_6_hours_1_day_then_weekly() {
    UUID conversationId = receive("+12015550123", "hello");
    h.runJobs();
    List<Duration> waits = new java.util.ArrayList<>();
    for (int miss = 1; miss <= 5; miss++) {
      Instant checked =
          h.adapters
              .conversations()
              .findById(conversationId)
              .orElseThrow()
              .tenantCheck()
              .checkedAt();
      Instant due =
          h.adapters
              .conversations()
              .findById(conversationId)
              .orElseThrow()
              .tenantCheck()
              .recheckAt();
      waits.add(Duration.between(checked, due));
      h.clock.advance(Duration.between(h.clock.instant(), due).plusSeconds(1));
      assertThat(h.services.reconcileUnknownConversations().reconcile(100)).isEqualTo(1);
      h.runJobs();
    }

    assertThat(waits)
        .containsExactly(
            Duration.ofHours(1),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(7),
            Duration.ofDays(7));
  }

  @Test
  void a_link_older_than_its_time_to_live_moves_to_the_new_owner_of_the_number_with_history() {
    TenantProfile old = new TenantProfile("tenant-old", List.of("+12015550123"), Language.UNKNOWN);
    h.adapters.tenantDirectory().put(old);
    UUID conversationId = receive("+12015550123", "hello");
    h.runJobs();
    h.adapters.tenantDirectory().remove("tenant-old");
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-new", List.of("+12015550123"), Language.UNKNOWN));

    receive("+12015550123", "still me? no, a new tenant");
    h.runJobs();
    assertThat(h.conversation("+12015550123").tenantId())
        .as("the link is fresh: not asked again")
        .isEqualTo("tenant-old");

    h.clock.advance(SmsServices.Settings.DEFAULT_TENANT_LINK_TTL.plusMinutes(1));
    receive("+12015550123", "hi, I just moved in");
    h.runJobs();

    Conversation moved = h.conversation("+12015550123");
    assertThat(moved.tenantId()).isEqualTo("tenant-new");
    assertThat(moved.tenantSource()).isEqualTo(TenantSource.DIRECTORY);
    assertThat(h.adapters.conversations().tenantHistory(conversationId))
        .extracting(TenantHistoryEntry::before, TenantHistoryEntry::after)
        .containsExactly(tuple(null, "tenant-old"), tuple("tenant-old", "tenant-new"));
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-new")).containsExactly("+12015550123");
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-old"))
        .as("a send to the old tenant must not reach the number's new owner")
        .isEmpty();
  }

  @Test
  void a_link_set_by_hand_survives_re_verification() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-dir", List.of("+12015550123"), Language.UNKNOWN));
    UUID conversationId = receive("+12015550123", "hello");
    h.runJobs();

    Conversation set =
        h.services
            .setTenant()
            .set(new SetTenant.TenantCommand("(201) 555-0123", "tenant-hand"))
            .orElseThrow();
    h.clock.advance(SmsServices.Settings.DEFAULT_TENANT_LINK_TTL.plusDays(1));
    receive("+12015550123", "hello again");
    h.runJobs();

    assertThat(set.tenantSource()).isEqualTo(TenantSource.MANUAL);
    assertThat(h.services.linkTenant().verify(conversationId))
        .isInstanceOf(LinkOutcome.NothingToDo.class);
    assertThat(h.conversation("+12015550123").tenantId()).isEqualTo("tenant-hand");
    assertThat(h.adapters.conversations().tenantHistory(conversationId))
        .extracting(TenantHistoryEntry::after, TenantHistoryEntry::source)
        .containsExactly(
            tuple("tenant-dir", TenantSource.DIRECTORY), tuple("tenant-hand", TenantSource.MANUAL));
  }

  @Test
  void no_tenant_set_by_hand_is_never_looked_up_again() {
    UUID conversationId = receive("+12015550123", "hello");
    h.runJobs();
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-dir", List.of("+12015550123"), Language.UNKNOWN));

    h.services.setTenant().set(new SetTenant.TenantCommand("+12015550123", null));
    receive("+12015550123", "hello again");
    h.runJobs();
    h.clock.advance(Duration.ofDays(30));

    assertThat(h.services.reconcileUnknownConversations().reconcile(100)).isZero();
    assertThat(h.services.linkTenant().link(conversationId))
        .isInstanceOf(LinkOutcome.NothingToDo.class);
    assertThat(h.conversation("+12015550123").tenantId()).isNull();
  }

  @Test
  void a_new_conversation_takes_the_tenants_known_language() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.PT));
    UUID conversationId = receive("+12015550123", "ok");

    h.runJobs();

    assertThat(
            h.adapters.conversations().findById(conversationId).orElseThrow().language().language())
        .isEqualTo(Language.PT);
  }

  @Test
  void the_conversation_language_is_pushed_to_the_directory_when_it_differs() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-1", List.of("+12015550123"), Language.EN));
    receive(
        "+12015550123",
        "Hola, buenas tardes, quería saber cuándo vienen a arreglar la calefacción");

    h.runJobs();

    assertThat(h.adapters.tenantDirectory().tenant("tenant-1").orElseThrow().languagePreference())
        .isEqualTo(Language.ES);
    assertThat(h.adapters.tenantNumbers().languageOf("tenant-1").map(LanguageDetection::language))
        .contains(Language.ES);
  }

  @Test
  void without_a_directory_no_tenant_link_jobs_or_reconciliation_are_scheduled() {
    InMemoryAdapters adapters = InMemoryAdapters.create();
    SmsServices.Ports ports = adapters.ports().withTenantDirectory(TenantDirectory.none());
    MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    SmsServices services =
        SmsServices.create(
            ports,
            new SmsServices.Settings(
                PhoneNumbers.forUnitedStates(),
                Harness.DETECTOR,
                Duration.ZERO,
                Duration.ofMinutes(10),
                clock));

    services.receiveInbound().receive(Harness.inbound(Harness.sid(), "+12015550123", "hello"));
    clock.advance(Duration.ofHours(1));

    assertThat(adapters.jobQueue().size()).isZero();
    assertThat(services.reconcileUnknownConversations().reconcile(100)).isZero();
    assertThat(adapters.jobQueue().size()).isZero();
  }
}
