package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import java.time.Duration;
import java.time.Instant;
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
            .send(new SendCommand("+12015550123", null, null, "Rent is due Friday", null));
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
  void an_unsubscribed_recipient_is_marked_opted_out() {
    h.status(messageId, sid, "failed", "30006", true);

    assertThat(h.conversation("+12015550123").optedOut()).isTrue();
  }

  @Test
  void a_report_naming_an_inbound_message_is_kept_and_changes_nothing() {
    InboundOutcome.Accepted inbound =
        (InboundOutcome.Accepted) h.receive("+12015550777", "is the water back?");
    Message before = h.message(inbound.messageId());

    StatusOutcome outcome = h.status(null, before.twilioSid(), "failed", "30006", true);

    assertThat(outcome).isEqualTo(new StatusOutcome.NotOutbound(inbound.messageId()));
    Message after = h.message(inbound.messageId());
    assertThat(after.deliveryStatus()).isEqualTo(DeliveryStatus.RECEIVED);
    assertThat(after.errorCode()).isNull();
    assertThat(h.conversation("+12015550777").optedOut()).isFalse();
    assertThat(h.adapters.messages().statusEvents(inbound.messageId()))
        .extracting(e -> e.status().code())
        .containsExactly("failed");
  }

  @Test
  void a_status_change_moves_the_conversations_last_activity_forward() {
    Instant sentAt = h.conversation("+12015550123").lastMessageAt();
    h.clock.advance(Duration.ofMinutes(3));

    h.status(messageId, sid, "delivered");

    assertThat(h.conversation("+12015550123").lastMessageAt())
        .isAfterOrEqualTo(sentAt.plus(Duration.ofMinutes(3)));
  }

  @Test
  void a_report_that_changes_nothing_leaves_the_last_activity_alone() {
    h.status(messageId, sid, "delivered");
    Instant deliveredAt = h.conversation("+12015550123").lastMessageAt();
    h.clock.advance(Duration.ofMinutes(3));

    h.status(messageId, sid, "sent");

    assertThat(h.conversation("+12015550123").lastMessageAt()).isEqualTo(deliveredAt);
  }

  @Test
  void a_report_whose_ids_name_two_messages_is_kept_apart_and_changes_neither() {
    InboundOutcome.Accepted inbound =
        (InboundOutcome.Accepted) h.receive("+12015550777", "is the water back?");
    String inboundSid = h.message(inbound.messageId()).twilioSid();

    StatusOutcome outcome = h.status(messageId, inboundSid, "failed", "30006", true);

    assertThat(outcome).isEqualTo(new StatusOutcome.Conflicting(messageId, inboundSid));
    Message ours = h.message(messageId);
    assertThat(ours.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(ours.twilioSid()).isEqualTo(sid);
    assertThat(ours.errorCode()).isNull();
    assertThat(h.conversation("+12015550123").optedOut()).isFalse();
    assertThat(h.adapters.messages().statusEvents(messageId)).isEmpty();
    assertThat(h.adapters.messages().statusEvents(inbound.messageId())).isEmpty();
    assertThat(h.adapters.messages().conflictingStatusEvents(messageId))
        .singleElement()
        .satisfies(e -> assertThat(e.twilioSid()).isEqualTo(inboundSid));
    // the message's own reports still count
    assertThat(h.status(messageId, sid, "failed")).isInstanceOf(StatusOutcome.Applied.class);
  }

  @Test
  void a_report_naming_a_message_without_sid_by_another_messages_sid_changes_neither() {
    SendResult second =
        h.services.sendSms().send(new SendCommand("+12015550124", null, null, "Hi", null));
    UUID pending = ((SendResult.Accepted) second).receipt().messageId();

    StatusOutcome outcome = h.status(pending, sid, "delivered");

    assertThat(outcome).isEqualTo(new StatusOutcome.Conflicting(pending, sid));
    assertThat(h.message(pending).twilioSid()).isNull();
    assertThat(h.message(messageId).deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
  }
}
