package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresJobQueueTest {

  /**
   * Polling so rare that only the queue's own wake-ups (after commit, at a retry's due time) can
   * make these tests pass in time.
   */
  private static final PostgresJobQueue.Settings WAKE_UP_ONLY =
      PostgresJobQueue.Settings.defaults()
          .withPollInterval(Duration.ofMinutes(5))
          .withRetryDelays(Duration.ofMillis(40), Duration.ofSeconds(10))
          .withShutdownWait(Duration.ofSeconds(5));

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;
  private final List<PostgresJobQueue> queues = new ArrayList<>();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @BeforeEach
  void emptyTables() {
    schema.truncateAll();
  }

  @AfterEach
  void stopQueues() {
    queues.forEach(PostgresJobQueue::stop);
  }

  @Test
  void committed_job_runs_once_shortly_after_commit_without_waiting_for_a_poll() {
    PostgresJobQueue queue = started(WAKE_UP_ONLY, counting());
    Job job = linkTenant();

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              queue.enqueue(job);
              return null;
            });

    Eventually.await("the job ran", () -> runsOf(job) == 1);
    Eventually.await("the job's row is gone", () -> jobRows() == 0);
    assertThat(runsOf(job)).isEqualTo(1);
  }

  @Test
  void job_enqueued_in_a_rolled_back_transaction_never_runs() {
    PostgresJobQueue queue = started(WAKE_UP_ONLY, counting());
    Job rolledBack = linkTenant();
    Job failed = linkTenant();
    Job committed = linkTenant();

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              queue.enqueue(rolledBack);
              tx.setRollbackOnly();
              return null;
            });
    assertThatThrownBy(
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          queue.enqueue(failed);
                          throw new IllegalStateException("the use case fails");
                        }))
        .hasMessage("the use case fails");
    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              queue.enqueue(committed);
              return null;
            });

    Eventually.await("the committed job ran", () -> runsOf(committed) == 1);
    Eventually.await("the committed job's row is gone", () -> jobRows() == 0);
    assertThat(runsOf(rolledBack)).isZero();
    assertThat(runsOf(failed)).isZero();
  }

  @Test
  void committed_jobs_run_exactly_once_with_two_schedulers_on_one_database() {
    PostgresJobQueue.Settings polling = WAKE_UP_ONLY.withPollInterval(Duration.ofMillis(50));
    // two instances of the service: each with its own pool, unit of work and scheduler
    PostgresAdapters firstInstance = PostgresAdapters.create(schema.newDataSource(4));
    PostgresAdapters secondInstance = PostgresAdapters.create(schema.newDataSource(4));
    Map<String, AtomicInteger> runsPerInstance = new ConcurrentHashMap<>();
    PostgresJobQueue first =
        started(firstInstance.jobQueue(polling), countingAs("first", runsPerInstance));
    PostgresJobQueue second =
        started(secondInstance.jobQueue(polling), countingAs("second", runsPerInstance));
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Job job =
          i % 2 == 0 ? linkTenant() : new Job(Job.Type.SEND_SMS, UUID.randomUUID().toString());
      jobs.add(job);
      PostgresAdapters instance = i % 2 == 0 ? firstInstance : secondInstance;
      PostgresJobQueue queue = i % 2 == 0 ? first : second;
      instance
          .unitOfWork()
          .inTransaction(
              tx -> {
                queue.enqueue(job);
                return null;
              });
    }

    Eventually.await("every job ran", () -> jobs.stream().allMatch(job -> runsOf(job) > 0));
    Eventually.await("no job is left in the table", () -> jobRows() == 0);
    // with no row left nothing can run again: the counts are final
    assertThat(jobs).allSatisfy(job -> assertThat(runsOf(job)).isEqualTo(1));
    assertThat(runsPerInstance).as("both schedulers took part").containsOnlyKeys("first", "second");
  }

  @Test
  void failing_job_is_retried_with_growing_delays() {
    List<Duration> scheduledDelays = new CopyOnWriteArrayList<>();
    Job job = linkTenant();
    JobHandler handler =
        j -> {
          int attempt = record(j);
          delayBeforeThisAttempt(j).ifPresent(scheduledDelays::add);
          if (attempt == 2) {
            throw new IllegalStateException("the directory is down");
          }
          return attempt < 5 ? new JobResult.RetryLater("not yet") : new JobResult.Done();
        };
    PostgresJobQueue queue = started(WAKE_UP_ONLY, handler);

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              queue.enqueue(job);
              return null;
            });

    Eventually.await("the job succeeded on its fifth attempt", () -> jobRows() == 0);
    assertThat(runsOf(job)).isEqualTo(5);
    assertThat(scheduledDelays).hasSize(4);
    assertThat(scheduledDelays.get(0)).isBetween(Duration.ofMillis(32), Duration.ofMillis(40));
    for (int i = 1; i < scheduledDelays.size(); i++) {
      assertThat(scheduledDelays.get(i)).isGreaterThan(scheduledDelays.get(i - 1));
    }
  }

  @Test
  void retry_delay_doubles_up_to_the_cap() {
    PostgresJobQueue queue =
        adapters.jobQueue(
            WAKE_UP_ONLY.withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(1_000)));

    assertThat(queue.retryDelay(1)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
    assertThat(queue.retryDelay(2)).isBetween(Duration.ofMillis(160), Duration.ofMillis(200));
    assertThat(queue.retryDelay(4)).isBetween(Duration.ofMillis(640), Duration.ofMillis(800));
    assertThat(queue.retryDelay(5)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1_000));
    assertThat(queue.retryDelay(1_000)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1_000));
  }

  @Test
  void job_scheduled_before_a_stop_runs_after_a_new_start() {
    PostgresJobQueue queue = started(WAKE_UP_ONLY, counting());
    queue.stop();
    Job job = linkTenant();

    adapters
        .unitOfWork()
        .inTransaction(
            tx -> {
              queue.enqueue(job);
              return null;
            });
    assertThat(queue.backlog().waiting()).isEqualTo(1);
    assertThat(runsOf(job)).isZero();

    PostgresJobQueue restarted = adapters.jobQueue(WAKE_UP_ONLY);
    queues.add(restarted);
    restarted.start(counting());

    Eventually.await("the job ran after the restart", () -> runsOf(job) == 1);
  }

  @Test
  void same_queue_can_be_started_again_after_a_stop() {
    PostgresJobQueue queue = started(WAKE_UP_ONLY, counting());
    queue.stop();
    Job job = linkTenant();
    queue.enqueue(job);

    queue.start(counting());

    Eventually.await("the job ran after the restart", () -> runsOf(job) == 1);
  }

  @Test
  void waiting_job_absorbs_a_duplicate() {
    PostgresJobQueue queue = adapters.jobQueue(WAKE_UP_ONLY);
    queues.add(queue);
    Job job = linkTenant();

    for (int i = 0; i < 3; i++) {
      adapters
          .unitOfWork()
          .inTransaction(
              tx -> {
                queue.enqueue(new Job(job.type(), job.subjectId()));
                return null;
              });
    }
    assertThat(jobRows()).isEqualTo(1);
    queue.start(counting());

    Eventually.await("the job ran", () -> jobRows() == 0);
    assertThat(runsOf(job)).isEqualTo(1);
  }

  @Test
  void concurrent_duplicates_neither_fail_the_callers_nor_make_two_jobs() throws Exception {
    PostgresJobQueue queue = adapters.jobQueue(WAKE_UP_ONLY);
    queues.add(queue);
    Job job = linkTenant();

    List<Boolean> committed =
        Concurrently.run(
            8,
            () ->
                adapters
                    .unitOfWork()
                    .inTransaction(
                        tx -> {
                          queue.enqueue(job);
                          return true;
                        }));

    assertThat(committed).containsOnly(true);
    assertThat(jobRows()).isEqualTo(1);
  }

  @Test
  void job_enqueued_outside_a_unit_of_work_is_committed_on_its_own() {
    PostgresJobQueue queue = started(WAKE_UP_ONLY, counting());
    Job job = new Job(Job.Type.PUSH_TENANT_LANGUAGE, "tenant-1");

    queue.enqueue(job);

    Eventually.await("the job ran", () -> runsOf(job) == 1);
  }

  @Test
  void depth_counts_waiting_and_due_jobs_and_the_age_of_the_oldest() {
    PostgresJobQueue queue = adapters.jobQueue(WAKE_UP_ONLY);
    queues.add(queue);
    queue.enqueue(linkTenant());
    queue.enqueue(linkTenant());
    schema.execute(
        "update scheduled_tasks set execution_time = now() - interval '1 minute'"
            + " where task_instance = (select min(task_instance) from scheduled_tasks)");
    schema.execute(
        "insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
            + " values ('send-sms', 'send-sms:later', now() + interval '1 hour', false, 1)");

    JobBacklog depth = queue.backlog();

    assertThat(depth.waiting()).isEqualTo(3);
    assertThat(depth.due()).isEqualTo(2);
    assertThat(depth.running()).isZero();
    assertThat(depth.oldestDueAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
  }

  @Test
  void recurring_task_runs_again_and_again() {
    PostgresJobQueue queue =
        adapters.jobQueue(WAKE_UP_ONLY.withPollInterval(Duration.ofMillis(20)));
    queues.add(queue);
    AtomicInteger ticks = new AtomicInteger();
    queue.scheduleRecurring("reconcile-unknown", Duration.ofMillis(30), ticks::incrementAndGet);

    queue.start(counting());

    Eventually.await("the task ran three times", () -> ticks.get() >= 3);
    assertThatThrownBy(() -> queue.scheduleRecurring("late", Duration.ofSeconds(1), () -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  private PostgresJobQueue started(PostgresJobQueue.Settings settings, JobHandler handler) {
    return started(adapters.jobQueue(settings), handler);
  }

  private PostgresJobQueue started(PostgresJobQueue queue, JobHandler handler) {
    queues.add(queue);
    queue.start(handler);
    return queue;
  }

  private JobHandler countingAs(String instance, Map<String, AtomicInteger> runsPerInstance) {
    return job -> {
      record(job);
      runsPerInstance.computeIfAbsent(instance, k -> new AtomicInteger()).incrementAndGet();
      return new JobResult.Done();
    };
  }

  private JobHandler counting() {
    return job -> {
      record(job);
      return new JobResult.Done();
    };
  }

  private int record(Job job) {
    return runs.computeIfAbsent(job.key(), k -> new AtomicInteger()).incrementAndGet();
  }

  private int runsOf(Job job) {
    AtomicInteger count = runs.get(job.key());
    return count == null ? 0 : count.get();
  }

  private static Job linkTenant() {
    return new Job(Job.Type.LINK_TENANT, UUID.randomUUID().toString());
  }

  /** The delay the queue chose before this attempt, read from the job's own row. */
  private static java.util.Optional<Duration> delayBeforeThisAttempt(Job job) {
    return adapters
        .unitOfWork()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select last_failure, execution_time from scheduled_tasks"
                            + " where task_instance = :id and last_failure is not null")
                    .bind("id", job.key())
                    .map(
                        (rs, ctx) ->
                            Duration.between(
                                Columns.instant(rs, "last_failure"),
                                Columns.instant(rs, "execution_time")))
                    .findOne());
  }

  private static long jobRows() {
    return adapters
        .unitOfWork()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "select count(*) from scheduled_tasks where task_name in"
                            + " ('link-tenant', 'send-sms', 'push-tenant-language')")
                    .mapTo(Long.class)
                    .one());
  }
}
