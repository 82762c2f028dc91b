package io.smsfoundation.app.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A health probe that is cheap to ask often: the real check runs on a background thread at most
 * once at a time, its answer is reused for {@code freshFor}, and a caller waits at most {@code
 * budget} for a check in progress; a check that takes longer counts as failing. So {@code GET
 * /health} never blocks on a slow dependency and never piles up checks. Thread-safe.
 */
public final class CachedProbe {

  /** What a check does; returns normally when the dependency is fine. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** A probe's answer: {@code ok}, or the short reason it failed. */
  public record Result(boolean ok, String status) {
    static final Result OK = new Result(true, "ok");
  }

  private final Check check;
  private final Duration freshFor;
  private final Duration budget;
  private final Executor executor;
  private final LongSupplier nanoTime;

  private CompletableFuture<Result> current;
  private long startedAt;

  /**
   * @param executor runs the checks; a virtual-thread executor suits them
   * @param nanoTime a monotonic clock, {@code System::nanoTime}
   */
  public CachedProbe(
      Check check, Duration freshFor, Duration budget, Executor executor, LongSupplier nanoTime) {
    this.check = Objects.requireNonNull(check, "check");
    this.freshFor = Objects.requireNonNull(freshFor, "freshFor");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The latest answer, checking again when it is older than {@code freshFor}. */
  public Result result() {
    CompletableFuture<Result> probe;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      boolean stale = current == null || now - startedAt > freshFor.toNanos();
      if (stale && (current == null || current.isDone())) {
        startedAt = now;
        current = CompletableFuture.supplyAsync(this::runCheck, executor);
      }
      probe = current;
    }
    try {
      return probe.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      return new Result(false, "timeout");
    } catch (ExecutionException failed) {
      return new Result(false, "unavailable");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  private Result runCheck() {
    try {
      check.run();
      return Result.OK;
    } catch (Exception failed) {
      return new Result(false, "unavailable");
    }
  }
}
