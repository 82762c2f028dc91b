package io.smsfoundation.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.app.health.ScheduledProbe.ProbeFailure;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the probes' results add up: only the database decides whether the service is up. */
class HealthTest {

  private static ScheduledProbe checked(String name, String failure) {
    ScheduledProbe probe =
        new ScheduledProbe(
            name,
            () -> {
              if (failure != null) {
                throw new ProbeFailure(failure);
              }
            },
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Runnable::run,
            Clock.systemUTC(),
            System::nanoTime);
    probe.checkNow();
    return probe;
  }

  private static Health health(
      String databaseFailure, String twilioFailure, Health.DirectorySide directory) {
    return new Health(
        "1.2.3",
        checked("database", databaseFailure),
        new Health.TwilioSide("live", "configured", checked("twilio", twilioFailure)),
        directory);
  }

  private static Health.DirectorySide none() {
    return new Health.DirectorySide("none", null, null);
  }

  @Test
  void everything_fine_is_ok() {
    Health.Report report = health(null, null, none()).report();

    assertThat(report.ok()).isTrue();
    assertThat(report.status()).isEqualTo("ok");
    assertThat(report.version()).isEqualTo("1.2.3");
    assertThat(report.checks().database().status()).isEqualTo("ok");
    assertThat(report.checks().database().latencyMs()).isNotNull();
    assertThat(report.checks().twilio().mode()).isEqualTo("live");
    assertThat(report.checks().monitor().status()).isEqualTo("not_configured");
  }

  @Test
  void a_database_that_does_not_answer_makes_the_service_down_and_not_ready() {
    Health health = health("timeout", null, none());

    assertThat(health.report().ok()).isFalse();
    assertThat(health.report().status()).isEqualTo("down");
    assertThat(health.report().checks().database().detail()).isEqualTo("timeout");
    assertThat(health.readiness().ok()).isFalse();
    assertThat(health.readiness().status()).isEqualTo("not_ready");
  }

  @Test
  void twilio_failing_only_degrades_the_service() {
    Health health = health(null, "credentials_rejected", none());

    assertThat(health.report().ok()).isTrue();
    assertThat(health.report().status()).isEqualTo("degraded");
    assertThat(health.report().checks().twilio().status()).isEqualTo("down");
    assertThat(health.report().checks().twilio().detail()).isEqualTo("credentials_rejected");
    assertThat(health.readiness().ok()).isTrue();
  }

  @Test
  void an_open_monitor_circuit_is_down_even_when_the_monitor_answers_the_probe() {
    Health health =
        health(
            null,
            null,
            new Health.DirectorySide("monitor", () -> "open", checked("monitor", null)));

    Health.MonitorCheck monitor = health.report().checks().monitor();
    assertThat(monitor.status()).isEqualTo("down");
    assertThat(monitor.detail()).isEqualTo("circuit_open");
    assertThat(monitor.circuit()).isEqualTo("open");
    assertThat(health.report().status()).isEqualTo("degraded");
    assertThat(health.report().ok()).isTrue();
  }

  @Test
  void an_unreachable_monitor_is_down_and_a_recovering_one_degraded() {
    Health unreachable =
        health(
            null,
            null,
            new Health.DirectorySide("monitor", () -> "closed", checked("monitor", "unreachable")));
    Health recovering =
        health(
            null,
            null,
            new Health.DirectorySide("monitor", () -> "half_open", checked("monitor", null)));

    assertThat(unreachable.report().checks().monitor().detail()).isEqualTo("unreachable");
    assertThat(unreachable.report().checks().monitor().status()).isEqualTo("down");
    assertThat(recovering.report().checks().monitor().status()).isEqualTo("degraded");
    assertThat(recovering.report().checks().monitor().detail()).isEqualTo("circuit_half_open");
  }

  @Test
  void the_tenant_profiles_table_is_as_healthy_as_the_database() {
    Health health = health(null, null, new Health.DirectorySide("postgres", null, null));

    assertThat(health.report().checks().monitor().status()).isEqualTo("ok");
    assertThat(health.report().checks().monitor().directory()).isEqualTo("postgres");
  }
}
