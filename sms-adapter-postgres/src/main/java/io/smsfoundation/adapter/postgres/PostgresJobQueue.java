package io.smsfoundation.adapter.postgres;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import io.smsfoundation.ports.out.JobQueue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link JobQueue}: jobs are rows of db-scheduler's {@code scheduled_tasks} table,
 * written in the caller's transaction and run by db-scheduler.
 *
 * <p>{@link #enqueue} inserts the row itself ({@code INSERT ... ON CONFLICT DO NOTHING}, task name
 * = the job type's code, instance id = {@link Job#key()}) through the current {@link
 * PostgresUnitOfWork}'s connection: the job exists only if that transaction commits, survives
 * restarts, and a waiting (or running) job with the same key absorbs the new one. After the commit
 * it wakes this instance's scheduler, so a job enqueued here starts within milliseconds instead of
 * at the next poll. db-scheduler's lock-and-fetch polling ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}) hands each execution to exactly one of any number of instances sharing the database, and
 * executions of a crashed instance are revived once their heartbeats stop.
 *
 * <p>A handler answering {@link JobHandler.JobResult.RetryLater}, or throwing, is run again after
 * an exponentially growing delay (initial delay doubled per consecutive failure, up to a cap, with
 * up to 20 % jitter subtracted); jobs never expire. Thread-safe; {@link #start} and {@link #stop}
 * may be called again to restart.
 */
public final class PostgresJobQueue implements JobQueue {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJobQueue.class);

  private static final double JITTER = 0.2;

  /**
   * How the queue polls and retries.
   *
   * @param pollInterval how often the database is asked for due jobs of other instances and due
   *     retries (jobs enqueued on this instance do not wait for it)
   * @param initialRetryDelay delay after the first failure; doubled after each further one
   * @param maxRetryDelay the cap of the retry delay
   * @param threads jobs run concurrently by this instance
   * @param shutdownWait how long {@link #stop} waits for running jobs
   * @param heartbeatInterval how often running jobs are marked alive; a job whose instance missed
   *     six heartbeats is run again elsewhere
   */
  public record Settings(
      Duration pollInterval,
      Duration initialRetryDelay,
      Duration maxRetryDelay,
      int threads,
      Duration shutdownWait,
      Duration heartbeatInterval) {

    public Settings {
      requirePositive(pollInterval, "pollInterval");
      requirePositive(initialRetryDelay, "initialRetryDelay");
      requirePositive(maxRetryDelay, "maxRetryDelay");
      requirePositive(shutdownWait, "shutdownWait");
      requirePositive(heartbeatInterval, "heartbeatInterval");
      if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
        throw new IllegalArgumentException("maxRetryDelay must not be below initialRetryDelay");
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    /**
     * Production defaults: poll every second, retry after 2 s doubling up to 5 min, 32 jobs at once
     * (on virtual threads: a webhook delivery waiting for a slow receiver costs no platform
     * thread), wait 10 s for running jobs at stop, heartbeat every 10 s.
     */
    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofMinutes(5),
          32,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10));
    }

    /** These settings with other retry delays. */
    public Settings withRetryDelays(Duration initial, Duration max) {
      return new Settings(pollInterval, initial, max, threads, shutdownWait, heartbeatInterval);
    }

    /** These settings with another poll interval. */
    public Settings withPollInterval(Duration interval) {
      return new Settings(
          interval, initialRetryDelay, maxRetryDelay, threads, shutdownWait, heartbeatInterval);
    }

    /** These settings with another wait for running jobs at stop. */
    public Settings withShutdownWait(Duration wait) {
      return new Settings(
          pollInterval, initialRetryDelay, maxRetryDelay, threads, wait, heartbeatInterval);
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + duration);
      }
    }
  }

  private final DataSource dataSource;
  private final PostgresUnitOfWork unitOfWork;
  private final Settings settings;
  private final Map<String, RecurringTask<Void>> recurring = new LinkedHashMap<>();
  private volatile Scheduler scheduler;
  private volatile ScheduledExecutorService waker;

  /**
   * @param dataSource the pool db-scheduler polls through (the one {@code unitOfWork} uses)
   * @param unitOfWork whose transaction {@link #enqueue} writes in
   */
  public PostgresJobQueue(DataSource dataSource, PostgresUnitOfWork unitOfWork, Settings settings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void enqueue(Job job, Duration delay) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(delay, "delay");
    Duration wait = delay.isNegative() ? Duration.ZERO : delay;
    Instant due = Instant.now().plus(wait);
    unitOfWork.withDao(JobDao::new, dao -> dao.enqueue(taskName(job.type()), job.key(), due));
    if (wait.isZero()) {
      unitOfWork.afterCommitOrNow(this::wake);
    } else {
      unitOfWork.afterCommitOrNow(() -> wakeAfter(wait));
    }
  }

  /**
   * Runs {@code task} every {@code every} on one instance of the cluster at a time (for example the
   * reconciliation of conversations without a tenant). Register before {@link #start}.
   *
   * @throws IllegalStateException when the queue is running
   * @throws IllegalArgumentException when the name is taken
   */
  public synchronized void scheduleRecurring(String name, Duration every, Runnable task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(task, "task");
    if (scheduler != null) {
      throw new IllegalStateException("register recurring tasks before start()");
    }
    if (recurring.containsKey(name)
        || Arrays.stream(Job.Type.values()).anyMatch(type -> taskName(type).equals(name))) {
      throw new IllegalArgumentException("a task named '" + name + "' exists already");
    }
    recurring.put(
        name,
        Tasks.recurring(name, FixedDelay.of(every))
            .execute(
                (instance, context) -> {
                  try {
                    task.run();
                  } catch (RuntimeException e) {
                    LOG.warn("recurring task {} failed; it runs again on schedule", name, e);
                    throw e;
                  }
                }));
  }

  /**
   * Starts polling and hands every due job to {@code handler}.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start(JobHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (scheduler != null) {
      throw new IllegalStateException("the job queue is already running");
    }
    ScheduledExecutorService newWaker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sms-job-queue-waker");
              thread.setDaemon(true);
              return thread;
            });
    List<Task<?>> tasks = new ArrayList<>();
    for (Job.Type type : Job.Type.values()) {
      tasks.add(
          Tasks.custom(taskName(type), Void.class)
              .onFailure(this::retryLater)
              .onDeadExecutionRevive()
              .execute((instance, context) -> run(handler, type, instance)));
    }
    // recurring tasks become known through startTasks(), which also schedules them
    Scheduler newScheduler =
        Scheduler.create(dataSource, tasks)
            .startTasks(new ArrayList<>(recurring.values()))
            .schedulerName(new SchedulerName.Fixed(instanceName()))
            .threads(settings.threads())
            .executorService(
                Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("sms-job-", 0).factory()))
            .pollingInterval(settings.pollInterval())
            .pollUsingLockAndFetch(0.5, 1.0)
            .heartbeatInterval(settings.heartbeatInterval())
            .missedHeartbeatsLimit(6)
            .shutdownMaxWait(settings.shutdownWait())
            // run() and retryLater() log failures themselves, with the job's key
            .failureLogging(LogLevel.DEBUG, false)
            .build();
    waker = newWaker;
    scheduler = newScheduler;
    newScheduler.start();
    LOG.info(
        "job queue started: {} threads, polling every {} ms",
        settings.threads(),
        settings.pollInterval().toMillis());
  }

  /**
   * Stops taking jobs and waits up to {@link Settings#shutdownWait()} for running ones; a job cut
   * short is run again later. Jobs stay in the table and run after the next start. Idempotent.
   */
  public synchronized void stop() {
    Scheduler running = scheduler;
    if (running == null) {
      return;
    }
    scheduler = null;
    running.stop();
    ScheduledExecutorService oldWaker = waker;
    waker = null;
    if (oldWaker != null) {
      oldWaker.shutdownNow();
    }
    LOG.info("job queue stopped");
  }

  /** Counts the jobs in the table (all instances); one query. */
  @Override
  public JobBacklog backlog() {
    String[] names =
        Arrays.stream(Job.Type.values()).map(PostgresJobQueue::taskName).toArray(String[]::new);
    Instant now = Instant.now();
    JobDao.DepthRow row =
        unitOfWork.withLongStatements(
            PostgresDataSources.SCAN_TIMEOUT, handle -> new JobDao(handle).depth(names, now));
    Duration age = row.oldestDue() == null ? Duration.ZERO : Duration.between(row.oldestDue(), now);
    return new JobBacklog(
        row.waiting(), row.due(), row.running(), age.isNegative() ? Duration.ZERO : age);
  }

  /** The db-scheduler task name of a job type: its code, for example {@code link-tenant}. */
  static String taskName(Job.Type type) {
    return type.code();
  }

  private CompletionHandler<Void> run(
      JobHandler handler, Job.Type type, TaskInstance<Void> instance) {
    String prefix = type.code() + ":";
    String id = instance.getId();
    Job job = new Job(type, id.startsWith(prefix) ? id.substring(prefix.length()) : id);
    JobHandler.JobResult result;
    try {
      result = PostgresUnitOfWork.inBackground(() -> handler.handle(job));
    } catch (RuntimeException e) {
      LOG.warn("job {} failed; it will be retried", job.key(), e);
      throw new RetryRequested("failed: " + e, null);
    }
    if (result instanceof JobHandler.JobResult.RetryLater retry) {
      LOG.info("job {} asked to be retried: {}", job.key(), retry.reason());
      throw new RetryRequested(retry.reason(), retry.after());
    }
    return (complete, operations) -> operations.remove();
  }

  private void retryLater(ExecutionComplete complete, ExecutionOperations<Void> operations) {
    int failures = complete.getExecution().consecutiveFailures + 1;
    Duration asked =
        complete.getCause().orElse(null) instanceof RetryRequested retry ? retry.after : null;
    Duration delay = asked != null ? asked : retryDelay(failures);
    Instant next = complete.getTimeDone().plus(delay);
    operations.reschedule(complete, next);
    LOG.debug(
        "job {} retries in {} ms (failure {})",
        complete.getExecution().taskInstance.getId(),
        delay.toMillis(),
        failures);
    wakeAfter(delay);
  }

  /**
   * Wakes this instance's scheduler when a job it wrote comes due, rather than at the next poll
   * after it; a job this instance cannot wake for (stopping) is picked up by a later poll.
   */
  private void wakeAfter(Duration delay) {
    ScheduledExecutorService currentWaker = waker;
    if (currentWaker != null) {
      try {
        currentWaker.schedule(this::wake, delay.toMillis() + 1, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        LOG.debug("could not schedule the wake-up", e);
      }
    }
  }

  /** {@code initial * 2^(failures-1)}, capped, minus up to 20 % jitter. */
  Duration retryDelay(int failures) {
    long initial = settings.initialRetryDelay().toMillis();
    long cap = settings.maxRetryDelay().toMillis();
    int doublings = Math.min(Math.max(failures - 1, 0), 40);
    long base = initial;
    for (int i = 0; i < doublings && base < cap; i++) {
      base *= 2;
    }
    base = Math.min(base, cap);
    long jitter = (long) (base * JITTER * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.max(1, base - jitter));
  }

  private void wake() {
    Scheduler current = scheduler;
    if (current != null) {
      current.triggerCheckForDueExecutions();
    }
  }

  private static String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Tells db-scheduler to count a failure; no stack trace, the cause was logged already. */
  private static final class RetryRequested extends RuntimeException {
    private final transient Duration after;

    /**
     * @param after when the handler asked for the next run, or {@code null} for the queue's growing
     *     delay
     */
    RetryRequested(String reason, Duration after) {
      super(reason, null, false, false);
      this.after = after;
    }
  }
}
