package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordDeliveryStatusServiceTest {

  private final Harness h = new Harness();
  private UUID messageId;
  private String sid;

  @BeforeEach
  void sendOne() {
    SendResult result =
        h.services
            .sendSms()
            .send(new SendCommand("+12015550123", null, "Rent is due Friday", null));
    messageId = ((SendResult.Accepted) result).receipt().messageId();
    h.runJobs();
    sid = h.message(messageId).twilioSid();
  }

  @Test
  void callbacks_move_the_status_forward_and_are_kept_in_the_history() {
    assertThat(h.status(messageId, sid, "sent"))
        .isEqualTo(
            new StatusOutcome.Applied(messageId, DeliveryStatus.QUEUED, DeliveryStatus.SENT));
    h.status(messageId, sid, "delivered");

    assertThat(h.message(messageId).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(h.services.readMessage().read(messageId).orElseThrow().history())
        .extracting(StatusEvent::status)
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
  }

  @Test
  void delivered_is_not_replaced_by_a_late_sent() {
    h.status(messageId, sid, "delivered");

    StatusOutcome late = h.status(messageId, sid, "sent");

    assertThat(late)
        .isEqualTo(new StatusOutcome.Unchanged(messageId, DeliveryStatus.DELIVERED, false));
    assertThat(h.message(messageId).deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void a_duplicate_callback_is_skipped() {
    h.status(messageId, sid, "sent");

    StatusOutcome again = h.status(messageId, sid, "sent");

    assertThat(again).isEqualTo(new StatusOutcome.Unchanged(messageId, DeliveryStatus.SENT, true));
    assertThat(h.services.readMessage().read(messageId).orElseThrow().history()).hasSize(1);
  }

  @Test
  void a_failure_is_final_and_keeps_its_error_code() {
    h.status(messageId, sid, "undelivered", "30003");
    h.status(messageId, sid, "delivered");

    Message stored = h.message(messageId);
    assertThat(stored.deliveryStatus()).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(stored.errorCode()).isEqualTo("30003");
  }

  @Test
  void delivered_may_still_become_read() {
    h.status(messageId, sid, "delivered");

    assertThat(h.status(messageId, sid, "read")).isInstanceOf(StatusOutcome.Applied.class);
    assertThat(h.message(messageId).deliveryStatus()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void an_unknown_status_is_recorded_as_it_came_without_moving_the_message() {
    StatusOutcome outcome = h.status(messageId, sid, "Teleported");

    assertThat(outcome).isInstanceOf(StatusOutcome.Unchanged.class);
    assertThat(h.message(messageId).deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(h.services.readMessage().read(messageId).orElseThrow().history())
        .extracting(e -> e.status().code())
        .containsExactly("teleported");
  }

  @Test
  void a_callback_found_by_sid_alone_applies_too() {
    assertThat(h.status(null, sid, "sent")).isInstanceOf(StatusOutcome.Applied.class);
  }

  @Test
  void an_unsubscribed_error_marks_the_recipient_opted_out() {
    h.status(messageId, sid, "failed", "21610");

    assertThat(h.conversation("+12015550123").optedOut()).isTrue();
  }
}
