package io.smsfoundation.adapter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(2);

  @Test
  void without_jitter_the_delay_doubles_up_to_the_maximum() {
    Backoff backoff = new Backoff(INITIAL, MAX, 0.0, () -> 0.5);

    assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2, null)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(3, null)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(6, null)).isEqualTo(MAX);
    assertThat(backoff.delay(500, null)).isEqualTo(MAX);
  }

  @Test
  void jitter_stays_within_its_factor_and_under_the_maximum() {
    Backoff low = new Backoff(INITIAL, MAX, 0.25, () -> 0.0);
    Backoff high = new Backoff(INITIAL, MAX, 0.25, () -> 0.999_999);

    assertThat(low.delay(1, null)).isEqualTo(Duration.ofMillis(75));
    assertThat(high.delay(1, null))
        .isGreaterThan(Duration.ofMillis(124))
        .isLessThanOrEqualTo(Duration.ofMillis(125));
    assertThat(high.delay(10, null)).isEqualTo(MAX);
    assertThat(low.delay(10, null)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void retry_after_is_a_lower_bound() {
    Backoff backoff = new Backoff(INITIAL, MAX, 0.25, () -> 0.0);

    assertThat(backoff.delay(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(75));
  }
}
