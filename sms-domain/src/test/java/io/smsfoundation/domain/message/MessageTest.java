package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.LanguageDetection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageTest {

  private static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");

  private static Message outbound() {
    return Message.outbound(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "+12015550123",
        "Rent is due",
        Segments.of("Rent is due"),
        null,
        null,
        AT);
  }

  private static Message inbound() {
    return Message.inbound(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "SM" + "a".repeat(32),
        "+12015550123",
        "+15005550006",
        "hola",
        1,
        MessageEncoding.GSM_7,
        List.of(),
        0,
        LanguageDetection.unknown(),
        RawForm.ofSingleValues(java.util.Map.of("Body", "hola")),
        AT);
  }

  @Test
  void an_outbound_message_starts_pending_without_a_provider_id() {
    Message message = outbound();

    assertThat(message.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(message.twilioSid()).isNull();
    assertThat(message.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(message.numSegments()).isEqualTo(1);
    assertThat(message.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(message.rawWebhookData().isEmpty()).isTrue();
  }

  @Test
  void an_inbound_message_is_received_with_its_raw_form() {
    Message message = inbound();

    assertThat(message.deliveryStatus()).isEqualTo(DeliveryStatus.RECEIVED);
    assertThat(message.direction()).isEqualTo(Direction.INBOUND);
    assertThat(message.rawWebhookData().first("Body")).isEqualTo("hola");
  }

  @Test
  void an_outbound_message_moves_forward_on_a_later_status() {
    Message message = outbound().withDelivery("SMx", DeliveryStatus.SENT, null, null, AT);

    assertThat(message.reportDelivery(DeliveryStatus.DELIVERED))
        .isEqualTo(new DeliveryChange.Moved(DeliveryStatus.SENT, DeliveryStatus.DELIVERED));
  }

  @Test
  void delivered_is_not_replaced_by_late_sent() {
    Message message = outbound().withDelivery("SMx", DeliveryStatus.DELIVERED, null, null, AT);

    assertThat(message.reportDelivery(DeliveryStatus.SENT))
        .isEqualTo(new DeliveryChange.Unchanged(DeliveryStatus.DELIVERED));
  }

  @Test
  void an_inbound_message_has_no_delivery_lifecycle() {
    Message message = inbound();

    assertThat(message.reportDelivery(DeliveryStatus.FAILED))
        .isEqualTo(new DeliveryChange.NotOutbound(DeliveryStatus.RECEIVED));
    assertThat(message.reportDelivery(DeliveryStatus.DELIVERED))
        .isInstanceOf(DeliveryChange.NotOutbound.class);
  }
}
