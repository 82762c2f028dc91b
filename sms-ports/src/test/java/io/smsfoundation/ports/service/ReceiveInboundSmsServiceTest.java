package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiveInboundSmsServiceTest {

  private final Harness h = new Harness();

  @Test
  void an_inbound_sms_is_stored_with_its_raw_form_language_and_conversation() {
    String sid = Harness.sid();
    InboundSms sms = Harness.inbound(sid, "+12015550123", "Hola, ya pagué la renta de este mes");

    InboundOutcome outcome = h.services.receiveInbound().receive(sms);

    assertThat(outcome).isInstanceOf(InboundOutcome.Accepted.class);
    InboundOutcome.Accepted accepted = (InboundOutcome.Accepted) outcome;
    Message stored = h.message(accepted.messageId());
    assertThat(stored.direction()).isEqualTo(Direction.INBOUND);
    assertThat(stored.twilioSid()).isEqualTo(sid);
    assertThat(stored.deliveryStatus()).isEqualTo(DeliveryStatus.RECEIVED);
    assertThat(stored.rawWebhookData()).isEqualTo(sms.rawForm());
    assertThat(stored.language().language()).isEqualTo(Language.ES);
    Conversation conversation = h.conversation("+12015550123");
    assertThat(conversation.id()).isEqualTo(accepted.conversationId());
    assertThat(conversation.language().language()).isEqualTo(Language.ES);
  }

  @Test
  void a_duplicate_webhook_stores_one_message_and_says_duplicate() {
    InboundSms sms = Harness.inbound(Harness.sid(), "+12015550123", "is the pool open?");

    InboundOutcome first = h.services.receiveInbound().receive(sms);
    h.clock.advance(Duration.ofMinutes(5));
    InboundOutcome second = h.services.receiveInbound().receive(sms);

    assertThat(first).isInstanceOf(InboundOutcome.Accepted.class);
    assertThat(second).isEqualTo(new InboundOutcome.Duplicate(sms.providerMessageId()));
    Conversation conversation = h.conversation("+12015550123");
    assertThat(h.messagesOf(conversation.id())).hasSize(1);
    assertThat(conversation.lastMessageAt())
        .isEqualTo(h.messagesOf(conversation.id()).getFirst().createdAt());
  }

  @Test
  void the_same_webhook_from_32_threads_at_once_stores_one_message() throws Exception {
    InboundSms sms = Harness.inbound(Harness.sid(), "+12015550123", "hello?");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Callable<InboundOutcome>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(
            () -> {
              start.await();
              return h.services.receiveInbound().receive(sms);
            });
      }
      List<Future<InboundOutcome>> futures = new ArrayList<>();
      calls.forEach(c -> futures.add(pool.submit(c)));
      start.countDown();
      List<InboundOutcome> outcomes = new ArrayList<>();
      for (Future<InboundOutcome> f : futures) {
        outcomes.add(f.get());
      }

      assertThat(outcomes).filteredOn(InboundOutcome.Accepted.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(InboundOutcome.Duplicate.class::isInstance).hasSize(31);
      assertThat(h.messagesOf(h.conversation("+12015550123").id())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
    "12345, SHORT_CODE, 12345",
    "VERIZON, ALPHANUMERIC, VERIZON",
    "'(201) 555-0123', E164, +12015550123",
    "'not a number!!', UNPARSED, 'not a number!!'",
    "'+', UNPARSED, '+'"
  })
  void senders_of_every_shape_are_stored_never_dropped(
      String from, PhoneNumberKind kind, String canonical) {
    InboundOutcome outcome = h.receive(from, "your code is 1234");

    assertThat(outcome).isInstanceOf(InboundOutcome.Accepted.class);
    Conversation conversation = h.conversation(canonical);
    assertThat(conversation.address().kind()).isEqualTo(kind);
    assertThat(conversation.address().original()).isEqualTo(from);
    assertThat(h.messagesOf(conversation.id())).hasSize(1);
  }

  @Test
  void a_second_message_keeps_the_first_original_number_of_the_conversation() {
    h.receive("(201) 555-0123", "first");
    h.receive("+12015550123", "second");

    Conversation conversation = h.conversation("+12015550123");
    assertThat(conversation.address().original()).isEqualTo("(201) 555-0123");
    assertThat(h.messagesOf(conversation.id())).hasSize(2);
  }

  @Test
  void an_unknown_tenant_gets_one_link_job_per_conversation() {
    h.receive("+12015550123", "one");
    h.receive("+12015550123", "two");
    h.receive("+12015550124", "three");

    assertThat(h.adapters.jobQueue().size()).isEqualTo(2);
  }

  @Test
  void stop_opts_out_and_start_opts_back_in() {
    h.receive("+12015550123", "hello");
    assertThat(h.conversation("+12015550123").optedOut()).isFalse();

    h.receive("+12015550123", "STOP");
    assertThat(h.conversation("+12015550123").optedOut()).isTrue();

    h.receive("+12015550123", "can you fix the sink?");
    assertThat(h.conversation("+12015550123").optedOut()).isTrue();

    h.receive("+12015550123", "Start");
    assertThat(h.conversation("+12015550123").optedOut()).isFalse();

    h.receive("+12015550123", " parar ");
    assertThat(h.conversation("+12015550123").optedOut()).isTrue();
  }

  @Test
  void a_keyword_the_provider_handled_wins_over_the_body() {
    h.services
        .receiveInbound()
        .receive(
            Harness.inbound(Harness.sid(), "+12015550123", "please no more", OptIntent.OPT_OUT));

    assertThat(h.conversation("+12015550123").optedOut()).isTrue();
  }

  @Test
  void an_mms_without_text_is_stored() {
    InboundSms mms =
        new InboundSms(
            Harness.sid(),
            "+12015550123",
            "+15005550006",
            null,
            List.of(new Media("https://m.example/1", "image/png")),
            1,
            null,
            null,
            RawForm.empty());

    InboundOutcome outcome = h.services.receiveInbound().receive(mms);

    Message stored = h.message(((InboundOutcome.Accepted) outcome).messageId());
    assertThat(stored.content()).isEmpty();
    assertThat(stored.media()).hasSize(1);
    assertThat(stored.language().language()).isEqualTo(Language.UNKNOWN);
  }

  @Test
  void missing_fields_are_refused_before_anything_is_written() {
    assertThatThrownBy(() -> InboundSms.text(" ", null, "", "hi"))
        .isInstanceOfSatisfying(
            InvalidCommandException.class,
            e -> assertThat(e.fieldErrors()).containsOnlyKeys("providerMessageId", "from", "to"));
    assertThat(h.adapters.jobQueue().size()).isZero();
  }

  @Test
  void a_known_tenant_records_the_number_use_and_gets_no_link_job() {
    h.receive("+12015550123", "hello");
    Conversation c = h.conversation("+12015550123");
    h.adapters.conversations().linkTenant(c.id(), "tenant-7", h.clock.instant());
    h.runJobs();

    h.receive("+12015550123", "hola, necesito ayuda con la renta por favor");

    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-7")).containsExactly("+12015550123");
    assertThat(h.adapters.jobQueue().size()).as("only the language push").isEqualTo(1);
    assertThat(h.adapters.tenantNumbers().languageOf("tenant-7").orElseThrow().language())
        .isEqualTo(Language.ES);
  }
}
