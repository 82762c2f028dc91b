package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final SendRateLimiter limiter = new SendRateLimiter(3, now::get);

  @Test
  void a_key_may_burst_its_rate_then_waits_for_a_refill() {
    assertThat(limiter.acquire("key-1")).isEmpty();
    assertThat(limiter.acquire("key-1")).isEmpty();
    assertThat(limiter.acquire("key-1")).isEmpty();

    assertThat(limiter.acquire("key-1")).contains(Duration.ofSeconds(20));

    now.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(limiter.acquire("key-1")).isEmpty();
  }

  @Test
  void keys_have_separate_buckets() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("key-1");
    }
    assertThat(limiter.acquire("key-1")).isPresent();
    assertThat(limiter.acquire("key-2")).isEmpty();
  }
}
