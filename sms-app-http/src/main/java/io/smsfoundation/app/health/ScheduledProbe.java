package io.smsfoundation.app.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check of one dependency run in the background every {@code every}, at most one at a time, whose
 * latest result anyone may read without waiting: a health request never runs a check itself, so a
 * slow dependency never makes it slow. A check still running after {@code timeout} reads as failed
 * ({@code timeout}) until it ends. Logs when the result turns from ok to failing and back.
 * Thread-safe.
 */
public final class ScheduledProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledProbe.class);

  /** What a check does; returns normally when the dependency is fine. */
  @FunctionalInterface
  public interface Check {
    /**
     * @throws ProbeFailure with a short reason word ({@code unreachable}, {@code
     *     credentials_rejected}...) when the dependency is not fine; any other exception reads as
     *     {@code unavailable}
     */
    void run() throws Exception;
  }

  /** A failed check with a short reason word that is safe to show to anyone. */
  public static final class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public ProbeFailure(String reason) {
      super(Objects.requireNonNull(reason, "reason"), null, false, false);
    }

    /** The reason word. */
    public String reason() {
      return getMessage();
    }
  }

  /** Where a probe stands. */
  public enum State {
    /** No check has finished yet. */
    PENDING,
    OK,
    FAILING
  }

  /**
   * The latest answer of a probe.
   *
   * @param detail the reason word when failing, else {@code null}
   * @param latency how long the check took (or has been running, for a timeout); {@code null} while
   *     pending
   * @param checkedAt when the check ended, {@code null} while pending
   */
  public record Result(State state, String detail, Duration latency, Instant checkedAt) {

    static final Result PENDING = new Result(State.PENDING, null, null, null);

    public boolean ok() {
      return state == State.OK;
    }
  }

  private final String name;
  private final Check check;
  private final Duration every;
  private final Duration timeout;
  private final Executor runner;
  private final Clock clock;
  private final LongSupplier nanoTime;

  private Result last = Result.PENDING;
  private boolean running;
  private long startedAt;
  private ScheduledFuture<?> schedule;

  /**
   * @param name the dependency's name, for the log ({@code database}, {@code twilio}...)
   * @param runner runs the checks, each on its own thread (virtual threads suit them)
   * @param nanoTime a monotonic clock, {@code System::nanoTime}
   */
  public ScheduledProbe(
      String name,
      Check check,
      Duration every,
      Duration timeout,
      Executor runner,
      Clock clock,
      LongSupplier nanoTime) {
    this.name = Objects.requireNonNull(name, "name");
    this.check = Objects.requireNonNull(check, "check");
    this.every = Objects.requireNonNull(every, "every");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  public String name() {
    return name;
  }

  /** Checks now and then every {@code every} on {@code scheduler}, until {@link #stop()}. */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (schedule == null) {
      schedule =
          scheduler.scheduleWithFixedDelay(
              this::checkInBackground, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void stop() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }

  /**
   * Runs a check on the calling thread unless one is running, waiting at most {@code timeout}; for
   * the first answer at start, before anyone asks.
   */
  public Result checkNow() {
    synchronized (this) {
      if (running) {
        return result();
      }
      running = true;
      startedAt = nanoTime.getAsLong();
    }
    finish(runCheck());
    return result();
  }

  /** The latest answer; never waits. */
  public synchronized Result result() {
    if (running) {
      long elapsed = nanoTime.getAsLong() - startedAt;
      if (elapsed > timeout.toNanos()) {
        return new Result(State.FAILING, "timeout", Duration.ofNanos(elapsed), clock.instant());
      }
    }
    return last;
  }

  /** One scheduled tick: starts a check on the runner unless one is running. */
  void checkInBackground() {
    synchronized (this) {
      if (running) {
        return; // the previous check hangs: result() already reports the timeout
      }
      running = true;
      startedAt = nanoTime.getAsLong();
    }
    try {
      runner.execute(() -> finish(runCheck()));
    } catch (RuntimeException rejected) {
      // the runner is shutting down with the service
      synchronized (this) {
        running = false;
      }
    }
  }

  private Result runCheck() {
    long start = nanoTime.getAsLong();
    State state;
    String detail;
    try {
      check.run();
      state = State.OK;
      detail = null;
    } catch (ProbeFailure failure) {
      state = State.FAILING;
      detail = failure.reason();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      state = State.FAILING;
      detail = "interrupted";
    } catch (Exception failure) {
      state = State.FAILING;
      detail = "unavailable";
    }
    Duration latency = Duration.ofNanos(nanoTime.getAsLong() - start);
    if (state == State.OK && latency.compareTo(timeout) > 0) {
      // it answered, but too late to count as healthy
      state = State.FAILING;
      detail = "timeout";
    }
    return new Result(state, detail, latency, clock.instant());
  }

  private void finish(Result result) {
    Result previous;
    synchronized (this) {
      previous = last;
      last = result;
      running = false;
    }
    if (result.state() == State.FAILING && previous.state() != State.FAILING) {
      LOG.atWarn()
          .addKeyValue("check", name)
          .addKeyValue("outcome", "error")
          .log("health check {} failing: {}", name, result.detail());
    } else if (result.state() == State.OK && previous.state() == State.FAILING) {
      LOG.atInfo()
          .addKeyValue("check", name)
          .addKeyValue("outcome", "ok")
          .log("health check {} ok again", name);
    }
  }
}
