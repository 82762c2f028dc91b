package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.out.RateLimiter;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimiter} must do: token buckets, atomic under concurrency. */
public abstract class RateLimiterContract {

  /** A limiter and the unit of work it may take tokens in. */
  public record Fixture(UnitOfWork unitOfWork, RateLimiter limiter) {}

  protected abstract Fixture newFixture();

  private Fixture fixture;
  private RateLimiter limiter;

  @BeforeEach
  void setUpLimiter() {
    fixture = newFixture();
    limiter = fixture.limiter();
  }

  private static String key() {
    return "test:" + UUID.randomUUID();
  }

  @Test
  void a_full_bucket_allows_its_size_then_refuses_with_the_wait_for_one_token() {
    String key = key();
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.take(key, 20, T0).allowed()).as("take " + (i + 1)).isTrue();
    }

    RateLimiter.Decision refused = limiter.take(key, 20, T0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void the_bucket_refills_with_time_and_never_above_its_size() {
    String key = key();
    for (int i = 0; i < 20; i++) {
      limiter.take(key, 20, T0);
    }
    assertThat(limiter.take(key, 20, T0.plusSeconds(2)).allowed()).isFalse();
    assertThat(limiter.take(key, 20, T0.plusSeconds(3)).allowed()).isTrue();

    String idle = key();
    limiter.take(idle, 5, T0);
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      if (limiter.take(idle, 5, T0.plus(Duration.ofHours(1))).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(5);
  }

  @Test
  void keys_have_their_own_buckets() {
    String a = key();
    String b = key();
    limiter.take(a, 1, T0);

    assertThat(limiter.take(a, 1, T0).allowed()).isFalse();
    assertThat(limiter.take(b, 1, T0).allowed()).isTrue();
  }

  @Test
  void a_token_taken_in_a_rolled_back_unit_of_work_is_given_back() {
    String key = key();
    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              assertThat(limiter.take(key, 1, T0).allowed()).isTrue();
              tx.setRollbackOnly();
              return null;
            });

    assertThat(limiter.take(key, 1, T0).allowed()).isTrue();
  }

  @Test
  void sixty_concurrent_takes_of_a_bucket_of_twenty_allow_exactly_twenty() throws Exception {
    String key = key();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Callable<Boolean>> takes = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        takes.add(() -> limiter.take(key, 20, T0).allowed());
      }
      long allowed = 0;
      for (Future<Boolean> result : pool.invokeAll(takes)) {
        if (result.get()) {
          allowed++;
        }
      }
      assertThat(allowed).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
  }
}
