package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryStatusTest {

  private static final List<DeliveryStatus> TWILIO_OUTBOUND =
      List.of(
          DeliveryStatus.ACCEPTED,
          DeliveryStatus.SCHEDULED,
          DeliveryStatus.QUEUED,
          DeliveryStatus.SENDING,
          DeliveryStatus.SENT,
          DeliveryStatus.DELIVERED,
          DeliveryStatus.READ,
          DeliveryStatus.PARTIALLY_DELIVERED,
          DeliveryStatus.UNDELIVERED,
          DeliveryStatus.FAILED,
          DeliveryStatus.CANCELED);

  private static final List<DeliveryStatus> TERMINAL_FAILURES =
      List.of(DeliveryStatus.FAILED, DeliveryStatus.UNDELIVERED, DeliveryStatus.CANCELED);

  @Test
  void the_lifecycle_moves_forward_from_queued_to_read() {
    DeliveryStatus status = DeliveryStatus.QUEUED;

    status = status.advance(DeliveryStatus.SENT);
    assertThat(status).isEqualTo(DeliveryStatus.SENT);
    status = status.advance(DeliveryStatus.DELIVERED);
    assertThat(status).isEqualTo(DeliveryStatus.DELIVERED);
    status = status.advance(DeliveryStatus.READ);
    assertThat(status).isEqualTo(DeliveryStatus.READ);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "pending, accepted",
    "queued, sending",
    "queued, sent",
    "sending, sent",
    "sent, delivered",
    "queued, delivered",
    "delivered, read",
    "sent, read"
  })
  void a_later_status_moves_the_message(String current, String next) {
    assertThat(DeliveryStatus.of(current).canMoveTo(DeliveryStatus.of(next))).isTrue();
    assertThat(DeliveryStatus.of(current).advance(DeliveryStatus.of(next)))
        .isEqualTo(DeliveryStatus.of(next));
  }

  @ParameterizedTest(name = "[{index}] {0} stays on a late {1}")
  @CsvSource({
    "delivered, sent",
    "delivered, queued",
    "delivered, sending",
    "sent, queued",
    "sent, sending",
    "sending, queued",
    "sending, accepted",
    "read, delivered",
    "read, sent",
    "queued, accepted",
    "queued, scheduled",
    "accepted, pending"
  })
  void a_late_earlier_status_never_moves_the_message_backwards(String current, String late) {
    DeliveryStatus stored = DeliveryStatus.of(current);

    assertThat(stored.canMoveTo(DeliveryStatus.of(late))).isFalse();
    assertThat(stored.advance(DeliveryStatus.of(late))).isEqualTo(stored);
  }

  @Test
  void delivered_is_not_replaced_by_late_sent() {
    assertThat(DeliveryStatus.DELIVERED.advance(DeliveryStatus.SENT))
        .isEqualTo(DeliveryStatus.DELIVERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "sent", "delivered", "read", "failed", "weird_new_status"})
  void a_duplicate_callback_does_not_move_the_message(String code) {
    DeliveryStatus status = DeliveryStatus.of(code);

    assertThat(status.canMoveTo(DeliveryStatus.of(code))).isFalse();
    assertThat(status.advance(DeliveryStatus.of(code))).isEqualTo(status);
  }

  @Test
  void delivered_is_final_except_that_it_may_become_read() {
    assertThat(DeliveryStatus.DELIVERED.isFinal()).isTrue();
    assertThat(DeliveryStatus.DELIVERED.canMoveTo(DeliveryStatus.READ)).isTrue();
    assertThat(
            TWILIO_OUTBOUND.stream()
                .filter(next -> !next.equals(DeliveryStatus.READ))
                .filter(DeliveryStatus.DELIVERED::canMoveTo))
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("terminalFailuresAndEveryStatus")
  void a_terminal_failure_is_never_left(DeliveryStatus terminal, DeliveryStatus next) {
    assertThat(terminal.isFinal()).isTrue();
    assertThat(terminal.isFailure()).isTrue();
    assertThat(terminal.canMoveTo(next)).isFalse();
    assertThat(terminal.advance(next)).isEqualTo(terminal);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "pending, failed",
    "unknown, failed",
    "accepted, failed",
    "scheduled, canceled",
    "queued, failed",
    "queued, undelivered",
    "sending, failed",
    "sent, undelivered",
    "sent, failed"
  })
  void a_failure_is_allowed_from_any_status_that_is_not_final(String current, String failure) {
    assertThat(DeliveryStatus.of(current).isFinal()).isFalse();
    assertThat(DeliveryStatus.of(current).advance(DeliveryStatus.of(failure)))
        .isEqualTo(DeliveryStatus.of(failure));
  }

  @Test
  void read_is_final() {
    assertThat(DeliveryStatus.READ.isFinal()).isTrue();
    assertThat(TWILIO_OUTBOUND.stream().filter(DeliveryStatus.READ::canMoveTo)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pending", "unknown"})
  void our_own_statuses_move_to_any_outbound_twilio_status(String code) {
    DeliveryStatus ours = DeliveryStatus.of(code);

    assertThat(TWILIO_OUTBOUND).allSatisfy(next -> assertThat(ours.canMoveTo(next)).isTrue());
  }

  @Test
  void unknown_never_returns_to_pending_so_a_message_is_not_resent_blindly() {
    assertThat(DeliveryStatus.UNKNOWN.advance(DeliveryStatus.PENDING))
        .isEqualTo(DeliveryStatus.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pending", "queued", "sent", "delivered"})
  void an_outbound_message_never_moves_to_an_inbound_status(String code) {
    DeliveryStatus status = DeliveryStatus.of(code);

    assertThat(status.canMoveTo(DeliveryStatus.RECEIVED)).isFalse();
    assertThat(status.canMoveTo(DeliveryStatus.RECEIVING)).isFalse();
  }

  @Test
  void an_unknown_status_string_is_kept_as_it_came_lower_cased_and_trimmed() {
    DeliveryStatus status = DeliveryStatus.of("  Weird_New_STATUS \n");

    assertThat(status.code()).isEqualTo("weird_new_status");
    // logs never show a word from outside: it may hold anything, a phone number too
    assertThat(status.toString()).isEqualTo("other");
    assertThat(DeliveryStatus.SENT.toString()).isEqualTo("sent");
    assertThat(status.isKnown()).isFalse();
    assertThat(status.isFailure()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pending", "unknown", "queued", "sent", "delivered", "read", "failed"})
  void an_unknown_status_string_never_moves_a_message(String code) {
    DeliveryStatus stored = DeliveryStatus.of(code);
    DeliveryStatus weird = DeliveryStatus.of("weird_new_status");

    assertThat(stored.canMoveTo(weird)).isFalse();
    assertThat(stored.advance(weird)).isEqualTo(stored);
  }

  @Test
  void known_statuses_are_recognised_whatever_their_case() {
    DeliveryStatus status = DeliveryStatus.of(" DELIVERED ");

    assertThat(status).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(status.isKnown()).isTrue();
  }

  @Test
  void equality_is_by_code() {
    assertThat(DeliveryStatus.of("sent")).isEqualTo(DeliveryStatus.SENT);
    assertThat(DeliveryStatus.of("sent")).hasSameHashCodeAs(DeliveryStatus.SENT);
    assertThat(new DeliveryStatus("Weird")).isEqualTo(DeliveryStatus.of("weird"));
    assertThat(DeliveryStatus.SENT).isNotEqualTo(DeliveryStatus.DELIVERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\t"})
  void a_blank_status_is_rejected(String code) {
    assertThatThrownBy(() -> DeliveryStatus.of(code)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_missing_status_is_rejected() {
    assertThatNullPointerException().isThrownBy(() -> DeliveryStatus.of(null));
    assertThatNullPointerException().isThrownBy(() -> DeliveryStatus.SENT.canMoveTo(null));
  }

  @Test
  void only_failed_undelivered_and_canceled_are_failures() {
    assertThat(TWILIO_OUTBOUND.stream().filter(DeliveryStatus::isFailure))
        .containsExactlyInAnyOrderElementsOf(TERMINAL_FAILURES);
  }

  static Stream<Arguments> terminalFailuresAndEveryStatus() {
    return TERMINAL_FAILURES.stream()
        .flatMap(
            terminal ->
                Stream.concat(
                        TWILIO_OUTBOUND.stream(),
                        Stream.of(DeliveryStatus.PENDING, DeliveryStatus.UNKNOWN))
                    .filter(next -> !next.equals(terminal))
                    .map(next -> Arguments.of(terminal, next)));
  }
}
