package io.smsfoundation.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.smsfoundation.domain.idempotency.IdempotencyDecision.InFlight;
import io.smsfoundation.domain.idempotency.IdempotencyDecision.Mismatch;
import io.smsfoundation.domain.idempotency.IdempotencyDecision.Proceed;
import io.smsfoundation.domain.idempotency.IdempotencyDecision.Replay;
import org.junit.jupiter.api.Test;

class IdempotencyDecisionTest {

  private static final String FIRST = RequestFingerprint.of("+12015550123", "Your rent is due");
  private static final String OTHER = RequestFingerprint.of("+12015550123", "Something else");

  @Test
  void a_new_key_proceeds() {
    assertThat(IdempotencyDecision.decide(null, FIRST, false)).isInstanceOf(Proceed.class);
  }

  @Test
  void a_new_key_whose_first_request_is_still_running_is_in_flight() {
    assertThat(IdempotencyDecision.decide(null, FIRST, true)).isInstanceOf(InFlight.class);
  }

  @Test
  void the_same_request_after_the_first_finished_is_replayed() {
    assertThat(IdempotencyDecision.decide(FIRST, FIRST, false)).isInstanceOf(Replay.class);
  }

  @Test
  void the_same_request_while_the_first_is_running_is_in_flight() {
    assertThat(IdempotencyDecision.decide(FIRST, FIRST, true)).isInstanceOf(InFlight.class);
  }

  @Test
  void a_different_request_under_a_finished_key_is_a_mismatch() {
    assertThat(IdempotencyDecision.decide(FIRST, OTHER, false)).isInstanceOf(Mismatch.class);
  }

  @Test
  void a_mismatch_beats_in_flight() {
    assertThat(IdempotencyDecision.decide(FIRST, OTHER, true)).isInstanceOf(Mismatch.class);
  }

  @Test
  void equal_fingerprints_built_separately_replay() {
    String again = RequestFingerprint.of("+12015550123", "Your rent is due");

    assertThat(IdempotencyDecision.decide(FIRST, again, false)).isInstanceOf(Replay.class);
  }

  @Test
  void decisions_can_be_matched_exhaustively() {
    IdempotencyDecision decision = IdempotencyDecision.decide(FIRST, FIRST, false);

    String answer =
        switch (decision) {
          case Proceed proceed -> "send";
          case Replay replay -> "original result";
          case Mismatch mismatch -> "422";
          case InFlight inFlight -> "409";
        };

    assertThat(answer).isEqualTo("original result");
  }

  @Test
  void a_request_without_a_fingerprint_is_a_programming_error() {
    assertThatNullPointerException()
        .isThrownBy(() -> IdempotencyDecision.decide(FIRST, null, false));
  }
}
