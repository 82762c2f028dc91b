package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.contract.Eventually;
import io.smsfoundation.ports.in.InvalidCommandException;
import io.smsfoundation.ports.in.SendSms.Receipt;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SendSmsServiceTest {

  private static final String TO = "+12015550123";
  private static final PhoneNumber TO_NUMBER = new PhoneNumber(TO);

  private final Harness h = new Harness();

  private Receipt accepted(SendResult result) {
    assertThat(result).isInstanceOf(SendResult.Accepted.class);
    return ((SendResult.Accepted) result).receipt();
  }

  private SendResult send(String body, String key) {
    return h.services.sendSms().send(new SendCommand(TO, null, null, body, key));
  }

  @Test
  void a_send_is_stored_pending_with_segments_then_sent_by_the_job() {
    Receipt receipt = accepted(send("Hola! Tu renta vence el viernes €", null));

    assertThat(receipt.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(receipt.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(receipt.segments()).isEqualTo(1);
    assertThat(h.adapters.smsGateway().attempts()).isEmpty();

    h.runJobs();

    Message sent = h.message(receipt.messageId());
    assertThat(sent.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(sent.twilioSid()).startsWith("SM");
    assertThat(h.adapters.smsGateway().attempts())
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.messageId()).isEqualTo(receipt.messageId());
              assertThat(sms.to()).isEqualTo(TO_NUMBER);
            });
  }

  @Test
  void a_request_waits_briefly_and_answers_with_the_sid_when_the_send_is_fast() {
    Harness fast = new Harness(Duration.ofSeconds(5));
    fast.adapters.jobQueue().start(fast.services.jobHandler());
    try {
      Receipt receipt =
          accepted(
              fast.services.sendSms().send(new SendCommand(TO, null, null, "Quick one", null)));

      assertThat(receipt.twilioSid()).startsWith("SM");
      assertThat(receipt.status()).isEqualTo(DeliveryStatus.QUEUED);
    } finally {
      fast.adapters.jobQueue().close();
    }
  }

  @Test
  void invalid_requests_are_refused_with_field_details_and_store_nothing() {
    assertThatThrownBy(
            () -> h.services.sendSms().send(new SendCommand("12345", null, null, "hi", null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("to"));
    assertThatThrownBy(() -> new SendCommand(TO, null, null, "  ", null))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("body"));
    assertThatThrownBy(() -> new SendCommand(TO, null, null, "x".repeat(1601), null))
        .isInstanceOf(InvalidCommandException.class);
    assertThatThrownBy(() -> new SendCommand(null, null, null, "hi", null))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("to"));
    assertThat(h.adapters.conversations().findByCanonical("12345")).isEmpty();
  }

  @Test
  void an_opted_out_destination_is_refused_without_calling_the_gateway() {
    h.receive(TO, "STOP");

    assertThat(send("We miss you", null)).isInstanceOf(SendResult.OptedOut.class);
    h.runJobs();
    assertThat(h.adapters.smsGateway().attempts()).isEmpty();

    h.receive(TO, "START");
    accepted(send("Welcome back", null));
  }

  @Test
  void the_same_key_and_body_replays_the_original_message() {
    Receipt first = accepted(send("Payment received", "key-1"));
    h.runJobs();

    SendResult again = send("Payment received", "key-1");

    assertThat(again).isInstanceOf(SendResult.Replayed.class);
    Receipt replayed = ((SendResult.Replayed) again).receipt();
    assertThat(replayed.messageId()).isEqualTo(first.messageId());
    assertThat(replayed.twilioSid()).isNotNull();
    h.runJobs();
    assertThat(h.adapters.smsGateway().attempts()).hasSize(1);
  }

  @Test
  void the_same_key_with_another_body_is_a_mismatch() {
    accepted(send("Payment received", "key-1"));

    assertThat(send("Payment NOT received", "key-1"))
        .isInstanceOf(SendResult.IdempotencyMismatch.class);
  }

  @Test
  void the_same_key_while_the_first_request_is_still_waiting_is_in_flight() throws Exception {
    Harness slow = new Harness(Duration.ofSeconds(3));
    CompletableFuture<SendResult> first =
        CompletableFuture.supplyAsync(
            () -> slow.services.sendSms().send(new SendCommand(TO, null, null, "Slow", "key-9")));
    Eventually.await(
        "the first request stored its message",
        Duration.ofSeconds(5),
        () -> slow.adapters.messages().findByIdempotencyKey("key-9").isPresent());

    SendResult second =
        slow.services.sendSms().send(new SendCommand(TO, null, null, "Slow", "key-9"));

    assertThat(second).isInstanceOf(SendResult.IdempotencyInFlight.class);
    assertThat(first.get()).isInstanceOf(SendResult.Accepted.class);
    assertThat(slow.services.sendSms().send(new SendCommand(TO, null, null, "Slow", "key-9")))
        .isInstanceOf(SendResult.Replayed.class);
  }

  @Test
  void a_permanent_rejection_fails_the_message_with_the_twilio_code() {
    h.adapters
        .smsGateway()
        .script(TO_NUMBER, new SendOutcome.Rejected("21614", "not a mobile number", false));
    Receipt receipt = accepted(send("hello", null));

    h.runJobs();

    Message failed = h.message(receipt.messageId());
    assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo("21614");
    assertThat(failed.errorMessage()).isEqualTo("not a mobile number");
    assertThat(h.adapters.smsGateway().attempts()).hasSize(1);
  }

  @Test
  void an_unsubscribed_rejection_also_opts_the_recipient_out() {
    h.adapters
        .smsGateway()
        .script(TO_NUMBER, new SendOutcome.Rejected("21610", "unsubscribed recipient", true));
    accepted(send("hello", null));

    h.runJobs();

    assertThat(h.conversation(TO).optedOut()).isTrue();
    assertThat(send("hello again", null)).isInstanceOf(SendResult.OptedOut.class);
  }

  @Test
  void a_retryable_failure_is_sent_again_by_the_job_until_it_goes_through() {
    h.adapters
        .smsGateway()
        .script(
            TO_NUMBER,
            new SendOutcome.RetryLater("429 too many requests", Duration.ofSeconds(1)),
            new SendOutcome.RetryLater("connection refused", null));
    Receipt receipt = accepted(send("hello", null));

    h.adapters.jobQueue().runPending();
    assertThat(h.message(receipt.messageId()).deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    h.adapters.jobQueue().runPending();
    h.adapters.jobQueue().runPending();

    assertThat(h.message(receipt.messageId()).deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(h.adapters.smsGateway().attempts()).hasSize(3);
    assertThat(h.adapters.jobQueue().size()).isZero();
  }

  @Test
  void an_ambiguous_failure_is_not_sent_again_but_waits_for_its_settle_job() {
    h.adapters.smsGateway().script(TO_NUMBER, new SendOutcome.Unknown("HTTP 500 after sending"));
    Receipt receipt = accepted(send("hello", null));

    h.adapters.jobQueue().runPending();

    assertThat(h.message(receipt.messageId()).deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN);
    assertThat(h.adapters.smsGateway().attempts()).hasSize(1);
    assertThat(h.adapters.jobQueue().size()).isEqualTo(1);
  }

  @Test
  void a_send_interrupted_mid_call_is_marked_unknown_instead_of_sent_twice() {
    Receipt receipt = accepted(send("hello", null));
    UUID id = receipt.messageId();
    // what a crash between claiming the message and recording the outcome leaves behind
    h.adapters
        .messages()
        .updateDelivery(
            id, new DeliveryUpdate(null, DeliveryStatus.SENDING, null, null, h.clock.instant()));

    h.adapters.jobQueue().runPending();

    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN);
    assertThat(h.adapters.smsGateway().attempts()).isEmpty();
    assertThat(h.adapters.jobQueue().size()).as("its settle job").isEqualTo(1);
  }

  @Test
  void a_tenant_id_sends_to_the_tenants_most_recently_used_number() {
    h.adapters.tenantNumbers().recordUse("tenant-1", "+12015550111", h.clock.instant());
    h.adapters.tenantNumbers().recordUse("tenant-1", "+12015550122", h.clock.instant());

    Receipt receipt =
        accepted(h.services.sendSms().send(new SendCommand(null, null, "tenant-1", "Hi!", null)));

    assertThat(h.message(receipt.messageId()).to()).isEqualTo("+12015550122");
    assertThat(
            h.services.sendSms().send(new SendCommand(null, null, "tenant-unknown", "Hi!", null)))
        .isInstanceOf(SendResult.TenantNotFound.class);
  }

  @Test
  void a_tenant_who_never_texted_gets_the_first_mobile_number_the_directory_has() {
    h.adapters
        .tenantDirectory()
        .put(
            new TenantProfile(
                "tenant-new",
                List.of("not a number", "+44 20 7183 8750", "(201) 555-0177", "+12015550188"),
                Language.UNKNOWN));

    Receipt receipt =
        accepted(
            h.services.sendSms().send(new SendCommand(null, null, "tenant-new", "Rent due", null)));

    // the London number is a fixed line: no SMS
    assertThat(h.message(receipt.messageId()).to()).isEqualTo("+12015550177");
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-new"))
        .containsExactly("+12015550177", "+12015550188", "+442071838750");
    Receipt again =
        accepted(
            h.services.sendSms().send(new SendCommand(null, null, "tenant-new", "Reminder", null)));
    assertThat(h.message(again.messageId()).to()).isEqualTo("+12015550177");
  }

  @Test
  void a_tenant_whose_directory_numbers_cannot_take_sms_is_refused_on_the_tenant_id() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-landline", List.of("+44 20 7183 8750"), Language.UNKNOWN));

    assertThatThrownBy(
            () ->
                h.services
                    .sendSms()
                    .send(new SendCommand(null, null, "tenant-landline", "Hi!", null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class,
            e -> assertThat(e.fieldErrors()).containsKey("tenant_id"));
  }

  @Test
  void a_directory_that_cannot_answer_refuses_a_send_to_a_tenant_who_never_texted() {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-new", List.of("+12015550177"), Language.UNKNOWN));
    h.adapters.tenantDirectory().setAvailable(false);

    assertThat(h.services.sendSms().send(new SendCommand(null, null, "tenant-new", "Hi!", null)))
        .isInstanceOf(SendResult.DirectoryUnavailable.class);
    assertThat(h.adapters.tenantNumbers().numbersOf("tenant-new")).isEmpty();
  }

  @Test
  void a_long_unicode_body_counts_ucs2_segments() {
    Receipt receipt = accepted(send("Olá! 😀 ".repeat(12), null));

    assertThat(receipt.encoding()).isEqualTo(MessageEncoding.UCS_2);
    assertThat(receipt.segments()).isEqualTo(2);
  }

  @Test
  void a_conversation_id_sends_to_that_conversations_number() {
    h.receive("+12015550144", "hello?");
    UUID conversationId = h.conversation("+12015550144").id();

    Receipt receipt =
        accepted(
            h.services
                .sendSms()
                .send(new SendCommand(null, conversationId, null, "We got your text", null)));

    assertThat(receipt.conversationId()).isEqualTo(conversationId);
    assertThat(h.message(receipt.messageId()).to()).isEqualTo("+12015550144");
  }

  @Test
  void an_unknown_conversation_id_sends_nothing() {
    SendResult result =
        h.services.sendSms().send(new SendCommand(null, UUID.randomUUID(), null, "Hi", null));

    assertThat(result).isEqualTo(new SendResult.ConversationNotFound());
    assertThat(h.adapters.jobQueue().size()).isZero();
  }

  @Test
  void a_destination_that_contradicts_the_conversation_is_refused() {
    h.receive("+12015550144", "hello?");
    UUID conversationId = h.conversation("+12015550144").id();

    assertThatThrownBy(
            () ->
                h.services
                    .sendSms()
                    .send(new SendCommand("+12015550199", conversationId, null, "Hi", null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class, e -> assertThat(e.fieldErrors()).containsKey("to"));
    assertThat(h.messagesOf(conversationId))
        .extracting(Message::direction)
        .containsOnly(Direction.INBOUND);
  }

  @Test
  void the_same_number_written_differently_agrees_with_the_conversation() {
    h.receive("+12015550144", "hello?");
    UUID conversationId = h.conversation("+12015550144").id();

    Receipt receipt =
        accepted(
            h.services
                .sendSms()
                .send(new SendCommand("(201) 555-0144", conversationId, null, "Hi", null)));

    assertThat(receipt.conversationId()).isEqualTo(conversationId);
  }

  @Test
  void a_short_code_conversation_cannot_be_sent_to() {
    h.receive("12345", "Your code is 1234");
    UUID conversationId = h.conversation("12345").id();

    assertThatThrownBy(
            () ->
                h.services.sendSms().send(new SendCommand(null, conversationId, null, "Hi", null)))
        .isInstanceOfSatisfying(
            InvalidCommandException.class,
            e -> assertThat(e.fieldErrors()).containsKey("conversation_id"));
  }
}
