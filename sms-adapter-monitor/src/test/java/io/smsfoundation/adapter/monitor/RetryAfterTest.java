package io.smsfoundation.adapter.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void seconds_are_read_as_a_delay() {
    assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void an_http_date_is_read_relative_to_the_clock() {
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 10:00:03 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a_date_in_the_past_means_now() {
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void an_absurdly_long_delay_is_kept_long() {
    assertThat(RetryAfter.parse("99999999999999999999999", NOW))
        .isGreaterThan(Duration.ofDays(365));
  }

  @Test
  void absent_or_unreadable_values_are_ignored() {
    assertThat(RetryAfter.parse(null, NOW)).isNull();
    assertThat(RetryAfter.parse("", NOW)).isNull();
    assertThat(RetryAfter.parse("soon", NOW)).isNull();
    assertThat(RetryAfter.parse("-5", NOW)).isNull();
  }
}
