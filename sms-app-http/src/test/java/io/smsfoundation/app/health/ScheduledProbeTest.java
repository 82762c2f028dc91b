package io.smsfoundation.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.app.health.ScheduledProbe.ProbeFailure;
import io.smsfoundation.app.health.ScheduledProbe.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The probe's bookkeeping, on a hand-moved monotonic clock and a hand-run executor. */
class ScheduledProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

  private final AtomicLong nanos = new AtomicLong();
  private final List<Runnable> held = new ArrayList<>();
  private final Executor holding = held::add;

  private ScheduledProbe probe(ScheduledProbe.Check check) {
    return new ScheduledProbe(
        "dependency", check, Duration.ofSeconds(5), TIMEOUT, holding, CLOCK, nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void pending_until_a_check_has_ended() {
    ScheduledProbe probe = probe(() -> {});

    assertThat(probe.result().state()).isEqualTo(State.PENDING);
    assertThat(probe.result().ok()).isFalse();
    assertThat(probe.result().checkedAt()).isNull();
  }

  @Test
  void a_passing_check_is_ok_with_its_latency_and_time() {
    ScheduledProbe probe = probe(() -> advance(Duration.ofMillis(7)));

    ScheduledProbe.Result result = probe.checkNow();

    assertThat(result.ok()).isTrue();
    assertThat(result.detail()).isNull();
    assertThat(result.latency()).isEqualTo(Duration.ofMillis(7));
    assertThat(result.checkedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void a_failing_check_reports_its_reason_word() {
    ScheduledProbe probe =
        probe(
            () -> {
              throw new ProbeFailure("credentials_rejected");
            });

    ScheduledProbe.Result result = probe.checkNow();

    assertThat(result.state()).isEqualTo(State.FAILING);
    assertThat(result.detail()).isEqualTo("credentials_rejected");
  }

  @Test
  void any_other_failure_reads_as_unavailable_and_never_shows_its_message() {
    ScheduledProbe probe =
        probe(
            () -> {
              throw new IllegalStateException("jdbc:postgresql://db?password=secret refused");
            });

    assertThat(probe.checkNow().detail()).isEqualTo("unavailable");
  }

  @Test
  void a_check_still_running_past_its_timeout_reads_as_timeout_without_waiting() {
    ScheduledProbe probe = probe(() -> {});
    probe.checkInBackground();
    assertThat(held).hasSize(1);

    advance(Duration.ofSeconds(3));

    ScheduledProbe.Result hanging = probe.result();
    assertThat(hanging.state()).isEqualTo(State.FAILING);
    assertThat(hanging.detail()).isEqualTo("timeout");
    assertThat(hanging.latency()).isEqualTo(Duration.ofSeconds(3));

    held.getFirst().run();
    assertThat(probe.result().ok()).isTrue();
  }

  @Test
  void an_answer_that_comes_after_the_timeout_counts_as_failed() {
    ScheduledProbe probe = probe(() -> advance(Duration.ofSeconds(3)));

    ScheduledProbe.Result result = probe.checkNow();

    assertThat(result.state()).isEqualTo(State.FAILING);
    assertThat(result.detail()).isEqualTo("timeout");
  }

  @Test
  void a_hanging_check_is_not_started_again_on_the_next_tick() {
    ScheduledProbe probe = probe(() -> {});

    probe.checkInBackground();
    probe.checkInBackground();

    assertThat(held).hasSize(1);
    held.getFirst().run();
    probe.checkInBackground();
    assertThat(held).hasSize(2);
  }

  @Test
  void the_last_result_stays_until_the_next_check_ends() {
    boolean[] up = {true};
    ScheduledProbe probe =
        probe(
            () -> {
              if (!up[0]) {
                throw new ProbeFailure("unreachable");
              }
            });
    probe.checkNow();
    up[0] = false;

    probe.checkInBackground();

    assertThat(probe.result().ok()).isTrue();
    held.getFirst().run();
    assertThat(probe.result().detail()).isEqualTo("unreachable");
  }
}
