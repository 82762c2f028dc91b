package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import io.smsfoundation.ports.out.JobQueue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobQueue} in memory. Jobs enqueued in a transaction are queued after it commits; a job
 * whose key is already waiting is absorbed. Started with {@link #start}, a scheduler thread runs
 * jobs and retries them with doubling delays; without it, {@link #runPending} runs them on the
 * caller's thread, which makes tests deterministic. Not durable: jobs die with the process.
 * Thread-safe.
 */
public final class InMemoryJobQueue implements JobQueue, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(InMemoryJobQueue.class.getName());

  private final InMemoryUnitOfWork db;
  private final Duration firstRetryDelay;
  private final Duration maxRetryDelay;
  private final Map<String, Waiting> waiting = new LinkedHashMap<>();
  private volatile JobHandler handler;
  private volatile ScheduledExecutorService scheduler;

  /** A job waiting or running; {@code dueAt} in {@link System#nanoTime()} terms. */
  private record Waiting(Job job, int failures, long dueAt, boolean running) {

    Waiting runningNow() {
      return new Waiting(job, failures, dueAt, true);
    }
  }

  public InMemoryJobQueue(InMemoryUnitOfWork db) {
    this(db, Duration.ofMillis(100), Duration.ofMinutes(5));
  }

  public InMemoryJobQueue(InMemoryUnitOfWork db, Duration firstRetryDelay, Duration maxRetryDelay) {
    this.db = Objects.requireNonNull(db, "db");
    this.firstRetryDelay = firstRetryDelay;
    this.maxRetryDelay = maxRetryDelay;
  }

  /** Sets the handler for {@link #runPending}, without a scheduler thread. */
  public void handleWith(JobHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Starts running jobs on a scheduler thread as they come due. */
  public synchronized void start(JobHandler handler) {
    handleWith(handler);
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("in-memory-jobs").daemon().factory());
      List<Waiting> entries;
      synchronized (waiting) {
        entries = new ArrayList<>(waiting.values());
      }
      long now = System.nanoTime();
      for (Waiting entry : entries) {
        long wait = Math.max(0, entry.dueAt() - now);
        scheduler.schedule(
            () -> runOnce(entry.job().key()),
            TimeUnit.NANOSECONDS.toMillis(wait),
            TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void enqueue(Job job, Duration delay) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(delay, "delay");
    if (!db.inTransaction()) {
      throw new IllegalStateException("jobs are enqueued inside a unit of work");
    }
    db.afterCommitOnce(job.key(), () -> submit(job, delay.isNegative() ? Duration.ZERO : delay));
  }

  /** How many jobs are waiting, retries included. */
  public int size() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  /**
   * Runs every waiting job once on the calling thread, ignoring due times and retry delays; jobs
   * enqueued by those jobs wait for the next call.
   *
   * @return how many jobs ran
   */
  public int runPending() {
    List<String> keys;
    synchronized (waiting) {
      keys = new ArrayList<>(waiting.keySet());
    }
    keys.forEach(this::runOnce);
    return keys.size();
  }

  /** Runs waiting jobs until none is left or {@code maxRounds} rounds have run. */
  public void runUntilIdle(int maxRounds) {
    for (int round = 0; round < maxRounds && runPending() > 0; round++) {
      // each round may enqueue follow-up jobs
    }
  }

  @Override
  public JobBacklog backlog() {
    long now = System.nanoTime();
    long waitingCount = 0;
    long due = 0;
    long running = 0;
    long oldestDueNanos = 0;
    synchronized (waiting) {
      for (Waiting entry : waiting.values()) {
        if (entry.running()) {
          running++;
          continue;
        }
        waitingCount++;
        if (entry.dueAt() - now <= 0) {
          due++;
          oldestDueNanos = Math.max(oldestDueNanos, now - entry.dueAt());
        }
      }
    }
    return new JobBacklog(waitingCount, due, running, Duration.ofNanos(oldestDueNanos));
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private void submit(Job job, Duration delay) {
    boolean added;
    synchronized (waiting) {
      added =
          waiting.putIfAbsent(
                  job.key(), new Waiting(job, 0, System.nanoTime() + delay.toNanos(), false))
              == null;
    }
    ScheduledExecutorService running = scheduler;
    if (added && running != null) {
      running.schedule(() -> runOnce(job.key()), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void runOnce(String key) {
    Waiting entry;
    JobHandler current = handler;
    synchronized (waiting) {
      entry = waiting.get(key);
      if (entry == null || entry.running() || current == null) {
        return;
      }
      waiting.put(key, entry.runningNow());
    }
    JobResult result;
    try {
      result = current.handle(entry.job());
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "job " + key + " failed", failure);
      result = new JobResult.RetryLater(String.valueOf(failure.getMessage()));
    }
    if (result instanceof JobResult.RetryLater retry) {
      Duration delay = retry.after() != null ? retry.after() : delayAfter(entry.failures() + 1);
      Waiting again =
          new Waiting(
              entry.job(), entry.failures() + 1, System.nanoTime() + delay.toNanos(), false);
      synchronized (waiting) {
        waiting.put(key, again);
      }
      LOG.log(Level.INFO, "job {0} retries in {1} ms: {2}", key, delay.toMillis(), retry.reason());
      ScheduledExecutorService running = scheduler;
      if (running != null) {
        running.schedule(() -> runOnce(key), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else {
      synchronized (waiting) {
        waiting.remove(key);
      }
    }
  }

  private Duration delayAfter(int failures) {
    Duration delay = firstRetryDelay.multipliedBy(1L << Math.min(failures - 1, 20));
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }
}
