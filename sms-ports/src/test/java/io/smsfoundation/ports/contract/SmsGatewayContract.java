package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.MessageSid;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SmsGateway} must do. */
public abstract class SmsGatewayContract {

  protected abstract SmsGateway gateway();

  /** A destination the gateway accepts. */
  protected abstract PhoneNumber deliverableNumber();

  /** A destination the provider refuses as invalid (Twilio error 21211). */
  protected abstract PhoneNumber invalidNumber();

  @Test
  void a_deliverable_number_is_sent_with_a_well_formed_sid() {
    SendOutcome outcome =
        gateway()
            .send(new OutboundSms(UUID.randomUUID(), deliverableNumber(), "Hello from the office"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Sent.class,
            sent -> {
              assertThat(MessageSid.isWellFormed(sent.twilioSid())).isTrue();
              assertThat(sent.status().isKnown()).isTrue();
            });
  }

  @Test
  void each_send_gets_its_own_sid() {
    SendOutcome first =
        gateway().send(new OutboundSms(UUID.randomUUID(), deliverableNumber(), "one"));
    SendOutcome second =
        gateway().send(new OutboundSms(UUID.randomUUID(), deliverableNumber(), "two"));

    assertThat(first).isInstanceOf(SendOutcome.Sent.class);
    assertThat(second).isInstanceOf(SendOutcome.Sent.class);
    assertThat(((SendOutcome.Sent) first).twilioSid())
        .isNotEqualTo(((SendOutcome.Sent) second).twilioSid());
  }

  @Test
  void an_invalid_number_is_rejected_for_good_with_21211() {
    SendOutcome outcome =
        gateway().send(new OutboundSms(UUID.randomUUID(), invalidNumber(), "Hello"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class,
            rejected -> {
              assertThat(rejected.errorCode()).isEqualTo("21211");
              assertThat(rejected.recipientOptedOut()).isFalse();
            });
  }
}
