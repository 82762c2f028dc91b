package io.smsfoundation.domain.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallStatusTest {

  @Test
  void a_call_moves_forward_through_its_lifecycle() {
    assertThat(CallStatus.RECEIVED.canMoveTo(CallStatus.ROUTED)).isTrue();
    assertThat(CallStatus.ROUTED.canMoveTo(CallStatus.RINGING)).isTrue();
    assertThat(CallStatus.RINGING.canMoveTo(CallStatus.IN_PROGRESS)).isTrue();
    assertThat(CallStatus.IN_PROGRESS.canMoveTo(CallStatus.COMPLETED)).isTrue();
    assertThat(CallStatus.ROUTED.canMoveTo(CallStatus.NO_ANSWER)).isTrue();
    assertThat(CallStatus.RECEIVED.canMoveTo(CallStatus.COMPLETED)).isTrue();
  }

  @Test
  void late_ringing_after_completed_and_backward_moves_are_refused() {
    assertThat(CallStatus.COMPLETED.canMoveTo(CallStatus.RINGING)).isFalse();
    assertThat(CallStatus.COMPLETED.canMoveTo(CallStatus.FAILED)).isFalse();
    assertThat(CallStatus.IN_PROGRESS.canMoveTo(CallStatus.RINGING)).isFalse();
    assertThat(CallStatus.ROUTED.canMoveTo(CallStatus.ROUTED)).isFalse();
    assertThat(CallStatus.ROUTED.canMoveTo(CallStatus.of("queued"))).isFalse();
  }

  @Test
  void unknown_words_are_kept_but_never_move_a_call() {
    CallStatus odd = CallStatus.of(" Warbling ");

    assertThat(odd.code()).isEqualTo("warbling");
    assertThat(odd.isKnown()).isFalse();
    assertThat(odd.toString()).isEqualTo("other");
    assertThat(CallStatus.ROUTED.canMoveTo(odd)).isFalse();
    assertThat(CallStatus.of("NO-ANSWER")).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(CallStatus.NO_ANSWER.isFinal()).isTrue();
  }
}
