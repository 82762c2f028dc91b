package io.smsfoundation.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationTest {

  private static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");

  private static Conversation conversation(boolean optedOut) {
    return Conversation.startedAt(
            UUID.randomUUID(),
            new Address("+12015550123", "+12015550123", PhoneNumberKind.E164),
            AT)
        .withOptedOut(optedOut, AT);
  }

  @Test
  void an_opt_out_opts_out_a_conversation_that_was_not() {
    assertThat(conversation(false).consent(OptIntent.OPT_OUT)).isEqualTo(ConsentChange.OPTED_OUT);
  }

  @Test
  void a_repeated_opt_out_changes_nothing() {
    assertThat(conversation(true).consent(OptIntent.OPT_OUT)).isEqualTo(ConsentChange.NONE);
  }

  @Test
  void an_opt_in_only_changes_an_opted_out_conversation() {
    assertThat(conversation(true).consent(OptIntent.OPT_IN)).isEqualTo(ConsentChange.OPTED_IN);
    assertThat(conversation(false).consent(OptIntent.OPT_IN)).isEqualTo(ConsentChange.NONE);
  }

  @Test
  void help_and_ordinary_messages_leave_consent_alone() {
    assertThat(conversation(true).consent(OptIntent.HELP)).isEqualTo(ConsentChange.NONE);
    assertThat(conversation(false).consent(OptIntent.NONE)).isEqualTo(ConsentChange.NONE);
  }

  @Test
  void a_change_tells_the_flag_after_it() {
    assertThat(ConsentChange.OPTED_OUT.optedOutAfter(false)).isTrue();
    assertThat(ConsentChange.OPTED_IN.optedOutAfter(true)).isFalse();
    assertThat(ConsentChange.NONE.optedOutAfter(true)).isTrue();
  }

  private static Conversation linked(String tenantId, TenantSource source) {
    return conversation(false).withTenantChange(new TenantChange.Linked(tenantId), source, AT);
  }

  @Test
  void the_directorys_answer_links_relinks_unlinks_or_confirms() {
    Conversation none = conversation(false);
    Conversation ana = linked("ana", TenantSource.DIRECTORY);

    assertThat(none.directoryAnswered("ana")).isEqualTo(new TenantChange.Linked("ana"));
    assertThat(none.directoryAnswered(null)).isEqualTo(new TenantChange.Unchanged(null));
    assertThat(ana.directoryAnswered("bia")).isEqualTo(new TenantChange.Relinked("ana", "bia"));
    assertThat(ana.directoryAnswered(null)).isEqualTo(new TenantChange.Unlinked("ana"));
    assertThat(ana.directoryAnswered("ana")).isEqualTo(new TenantChange.Unchanged("ana"));
    assertThat(ana.directoryAnswered("bia").changesTenant()).isTrue();
    assertThat(ana.directoryAnswered("ana").changesTenant()).isFalse();
  }

  @Test
  void a_link_set_by_hand_is_kept_whatever_the_directory_answers() {
    Conversation byHand = linked("ana", TenantSource.MANUAL);

    assertThat(byHand.directoryAnswered("bia")).isEqualTo(new TenantChange.KeptByHand("ana"));
    assertThat(byHand.directoryAnswered(null)).isEqualTo(new TenantChange.KeptByHand("ana"));
    assertThat(byHand.needsTenantVerification(AT.plus(Duration.ofDays(365)), Duration.ofDays(30)))
        .isFalse();
    assertThat(byHand.setTenantByHand("bia")).isEqualTo(new TenantChange.Relinked("ana", "bia"));
  }

  @Test
  void a_directory_link_needs_verification_once_it_is_as_old_as_its_time_to_live() {
    Conversation ana = linked("ana", TenantSource.DIRECTORY);
    Duration ttl = Duration.ofDays(30);

    assertThat(ana.needsTenantVerification(AT.plus(ttl).minusSeconds(1), ttl)).isFalse();
    assertThat(ana.needsTenantVerification(AT.plus(ttl), ttl)).isTrue();
    assertThat(conversation(false).needsTenantVerification(AT.plus(ttl), ttl)).isFalse();
    assertThat(ana.withTenantCheck(TenantCheck.never()).needsTenantVerification(AT, ttl))
        .as("linked before checks were recorded")
        .isTrue();
  }

  @Test
  void no_tenant_set_by_hand_needs_no_lookup() {
    Conversation none = conversation(false);
    Conversation noneByHand =
        none.withTenantChange(new TenantChange.Unchanged(null), TenantSource.MANUAL, AT);

    assertThat(none.needsTenantLookup()).isTrue();
    assertThat(noneByHand.needsTenantLookup()).isFalse();
    assertThat(linked("ana", TenantSource.DIRECTORY).needsTenantLookup()).isFalse();
  }

  @Test
  void each_miss_in_a_row_waits_longer_up_to_a_week() {
    TenantCheck check = TenantCheck.never();
    java.util.List<Duration> waits = new java.util.ArrayList<>();
    Instant at = AT;
    for (int i = 0; i < 6; i++) {
      check = check.missedAt(at);
      waits.add(Duration.between(at, check.recheckAt()));
      at = check.recheckAt();
    }

    assertThat(waits)
        .containsExactly(
            Duration.ofHours(1),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(7),
            Duration.ofDays(7),
            Duration.ofDays(7));
    assertThat(check.misses()).isEqualTo(6);
    assertThat(TenantCheck.answeredAt(at).recheckAt()).isNull();
  }
}
