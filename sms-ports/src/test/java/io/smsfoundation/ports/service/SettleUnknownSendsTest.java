package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.memory.InMemorySmsGateway;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sends whose outcome was unknown, settled by asking the provider what it has. */
class SettleUnknownSendsTest {

  private static final PhoneNumber TO = new PhoneNumber("+12015550123");

  private final Harness h = new Harness();
  private final InMemorySmsGateway gateway = h.adapters.smsGateway();

  private UUID send(String body) {
    return ((SendResult.Accepted)
            h.services.sendSms().send(new SendCommand(TO.e164(), null, null, body, null)))
        .receipt()
        .messageId();
  }

  private List<DeliveryStatus> history(UUID id) {
    return h.services.readMessage().read(id).orElseThrow().history().stream()
        .map(StatusEvent::status)
        .toList();
  }

  @Test
  void a_message_twilio_created_behind_an_unknown_answer_is_adopted_with_its_sid_and_status() {
    gateway.scriptUnknownAfterCreate(TO);
    UUID id = send("Your lease renewal is ready");

    h.adapters.jobQueue().runPending();
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN);
    h.runJobs();

    ProviderMessage created = gateway.createdTo(TO).getFirst();
    assertThat(h.message(id).twilioSid()).isEqualTo(created.providerMessageId());
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.SENT);
    assertThat(history(id)).containsExactly(SettleSmsService.ADOPTED, DeliveryStatus.SENT);
    assertThat(gateway.attempts()).hasSize(1);
    assertThat(h.adapters.jobQueue().size()).isZero();
  }

  @Test
  void a_message_not_found_twice_is_sent_again_once() {
    gateway.script(TO, new SendOutcome.Unknown("Twilio did not answer in time"));
    UUID id = send("Water shut-off on Friday");

    h.runJobs();

    assertThat(gateway.attempts()).hasSize(2);
    assertThat(gateway.createdTo(TO)).hasSize(1);
    assertThat(h.message(id).twilioSid())
        .isEqualTo(gateway.createdTo(TO).getFirst().providerMessageId());
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(history(id)).containsExactly(SettleSmsService.NOT_FOUND, SettleSmsService.RESENT);
  }

  @Test
  void a_message_sent_again_that_is_unknown_again_stays_unknown_and_is_not_sent_a_third_time() {
    gateway.script(
        TO,
        new SendOutcome.Unknown("Twilio did not answer in time"),
        new SendOutcome.Unknown("Twilio did not answer in time"));
    UUID id = send("Inspection at 10");

    h.runJobs();

    assertThat(gateway.attempts()).hasSize(2);
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN);
    assertThat(history(id))
        .containsExactly(
            SettleSmsService.NOT_FOUND,
            SettleSmsService.RESENT,
            SettleSmsService.NOT_FOUND_AFTER_RESEND,
            SettleSmsService.LEFT_UNKNOWN);
    assertThat(h.adapters.jobQueue().size()).isZero();
  }

  @Test
  void a_status_callback_that_arrives_before_the_settle_job_leaves_it_nothing_to_do() {
    gateway.scriptUnknownAfterCreate(TO);
    UUID id = send("Package at the front desk");
    h.adapters.jobQueue().runPending();
    String sid = gateway.createdTo(TO).getFirst().providerMessageId();

    h.status(id, sid, "delivered");
    h.runJobs();

    assertThat(h.message(id).twilioSid()).isEqualTo(sid);
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(history(id)).containsExactly(DeliveryStatus.DELIVERED);
    assertThat(gateway.attempts()).hasSize(1);
  }

  @Test
  void the_provider_message_of_another_of_our_messages_with_the_same_body_is_not_adopted() {
    UUID first = send("Rent is due");
    h.runJobs();
    String firstSid = h.message(first).twilioSid();
    gateway.script(TO, new SendOutcome.Unknown("Twilio did not answer in time"));

    UUID second = send("Rent is due");
    h.adapters.jobQueue().runPending();
    h.adapters.jobQueue().runPending();

    assertThat(gateway.createdTo(TO))
        .extracting(ProviderMessage::providerMessageId)
        .containsExactly(firstSid);
    assertThat(h.message(second).twilioSid()).isNull();
    assertThat(h.message(second).deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN);
    assertThat(history(second)).containsExactly(SettleSmsService.NOT_FOUND);
  }

  @Test
  void a_message_with_another_body_to_the_same_number_is_not_adopted() {
    gateway.script(TO, new SendOutcome.Sent(Harness.sid(), DeliveryStatus.QUEUED));
    UUID other = send("Welcome to the building");
    h.runJobs();
    gateway.script(TO, new SendOutcome.Unknown("Twilio did not answer in time"));

    UUID id = send("Parking permit renewed");
    h.adapters.jobQueue().runPending();
    h.adapters.jobQueue().runPending();

    assertThat(h.message(other).twilioSid()).isNotNull();
    assertThat(h.message(id).twilioSid()).isNull();
    assertThat(history(id)).containsExactly(SettleSmsService.NOT_FOUND);
  }
}
