package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.in.ReadConversation.ConversationPage;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;
import io.smsfoundation.ports.in.SetWorkflow.WorkflowCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationReadingTest {

  private final Harness h = new Harness();

  @ParameterizedTest
  @ValueSource(
      strings = {"+12015550123", "2015550123", "12015550123", "(201) 555-0123", "201-555-0123"})
  void any_variant_of_the_number_finds_the_conversation(String phone) {
    h.receive("+12015550123", "hello");

    assertThat(h.services.readConversation().read(new ConversationQuery(phone, null, null)))
        .hasValueSatisfying(
            page ->
                assertThat(page.conversation().address().canonical()).isEqualTo("+12015550123"));
  }

  @Test
  void a_short_code_conversation_is_found_by_its_code() {
    h.receive("12345", "Your verification code is 998877");

    assertThat(h.services.readConversation().read(new ConversationQuery("12345", null, null)))
        .isPresent();
  }

  @Test
  void an_unknown_number_has_no_conversation() {
    assertThat(
            h.services.readConversation().read(new ConversationQuery("+12015559999", null, null)))
        .isEmpty();
  }

  @Test
  void pages_walk_the_conversation_newest_first_without_gaps_or_repeats() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      bodies.add("message " + i);
      h.receive("+12015550123", "message " + i);
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      ConversationPage page =
          h.services
              .readConversation()
              .read(new ConversationQuery("+12015550123", cursor, 10))
              .orElseThrow();
      page.messages().forEach(m -> seen.add(m.content()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(5);
    assertThat(seen).isEqualTo(bodies.reversed());
  }

  @Test
  void the_default_page_holds_twenty_messages() {
    for (int i = 0; i < 25; i++) {
      h.receive("+12015550123", "m" + i);
    }

    ConversationPage page =
        h.services
            .readConversation()
            .read(new ConversationQuery("+12015550123", null, null))
            .orElseThrow();

    assertThat(page.messages()).hasSize(20);
    assertThat(page.nextCursor()).isNotNull();
    assertThat(page.messages()).extracting(Message::content).startsWith("m24", "m23");
  }

  @Test
  void bad_limits_and_forged_cursors_are_refused() {
    h.receive("+12015550123", "hello");

    assertThatThrownBy(() -> new ConversationQuery("+12015550123", null, 101))
        .isInstanceOf(InvalidCommandException.class);
    assertThatThrownBy(() -> new ConversationQuery("+12015550123", null, 0))
        .isInstanceOf(InvalidCommandException.class);
    assertThatThrownBy(
            () ->
                h.services
                    .readConversation()
                    .read(new ConversationQuery("+12015550123", "not-a-cursor", null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("cursor"));
  }

  @Test
  void a_cursor_with_a_time_no_message_can_have_is_refused() {
    h.receive("+12015550123", "hello");
    // well-formed, but 292,000 years after 1970: past what any store can compare
    String farFuture =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("v1:" + Long.MAX_VALUE + ":" + UUID.randomUUID())
                    .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () ->
                h.services
                    .readConversation()
                    .read(new ConversationQuery("+12015550123", farFuture, null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("cursor"));
  }

  @Test
  void a_workflow_is_recorded_by_any_variant_and_cleared() {
    h.receive("+12015550123", "hello");

    Conversation set =
        h.services
            .setWorkflow()
            .set(new WorkflowCommand("(201) 555-0123", "collections", "wf-1"))
            .orElseThrow();
    assertThat(set.workflowType()).isEqualTo("collections");
    assertThat(set.workflowId()).isEqualTo("wf-1");

    Conversation cleared =
        h.services.setWorkflow().set(new WorkflowCommand("+12015550123", null, null)).orElseThrow();
    assertThat(cleared.workflowType()).isNull();
    assertThat(h.services.setWorkflow().set(new WorkflowCommand("+12015559999", "x", "y")))
        .isEmpty();
  }

  @Test
  void a_read_message_shows_its_history_and_unknown_ids_find_nothing() {
    assertThat(h.services.readMessage().read(UUID.randomUUID())).isEmpty();
  }

  @Test
  void the_conversation_language_follows_the_preference_rule() {
    h.receive(
        "+12015550123",
        "Olá, bom dia! Não recebi o boleto do aluguel deste mês, vocês podem mandar?");
    Language first = h.conversation("+12015550123").language().language();

    h.receive("+12015550123", "ok");
    Language afterOk = h.conversation("+12015550123").language().language();

    h.receive(
        "+12015550123",
        "Hi, sorry, my daughter is writing now: the kitchen sink is leaking again, can someone come today?");
    Language afterEnglish = h.conversation("+12015550123").language().language();

    assertThat(first).isEqualTo(Language.PT);
    assertThat(afterOk).as("unknown never replaces a known language").isEqualTo(Language.PT);
    assertThat(afterEnglish).as("a confident detection wins").isEqualTo(Language.EN);
  }
}
