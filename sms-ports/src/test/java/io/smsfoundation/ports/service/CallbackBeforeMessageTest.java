package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.out.SendOutcome;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallbackBeforeMessageTest {

  private final Harness h = new Harness();

  @Test
  void callbacks_for_an_unknown_sid_are_kept_and_applied_when_its_message_appears() {
    String sid = Harness.sid();
    h.adapters
        .smsGateway()
        .script(new PhoneNumber("+12015550123"), new SendOutcome.Sent(sid, DeliveryStatus.QUEUED));

    assertThat(h.status(null, sid, "sent")).isEqualTo(new StatusOutcome.Kept(sid));
    assertThat(h.status(null, sid, "delivered")).isEqualTo(new StatusOutcome.Kept(sid));

    UUID id =
        ((SendResult.Accepted)
                h.services
                    .sendSms()
                    .send(
                        new SendCommand("+12015550123", null, null, "Your package arrived", null)))
            .receipt()
            .messageId();
    h.runJobs();

    assertThat(h.message(id).twilioSid()).isEqualTo(sid);
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(h.services.readMessage().read(id).orElseThrow().history())
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
  }

  @Test
  void a_callback_that_beats_the_send_job_records_the_sid_and_the_job_keeps_the_newer_status() {
    String sid = Harness.sid();
    h.adapters
        .smsGateway()
        .script(new PhoneNumber("+12015550123"), new SendOutcome.Sent(sid, DeliveryStatus.QUEUED));
    UUID id =
        ((SendResult.Accepted)
                h.services
                    .sendSms()
                    .send(new SendCommand("+12015550123", null, null, "Inspection tomorrow", null)))
            .receipt()
            .messageId();

    h.status(id, sid, "delivered");
    h.runJobs();

    assertThat(h.message(id).twilioSid()).isEqualTo(sid);
    assertThat(h.message(id).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
  }
}
