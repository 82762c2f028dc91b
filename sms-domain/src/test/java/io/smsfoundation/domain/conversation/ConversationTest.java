package io.smsfoundation.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumberKind;
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
}
