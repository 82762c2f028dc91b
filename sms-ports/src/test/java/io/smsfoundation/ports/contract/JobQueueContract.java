package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobBacklog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link io.smsfoundation.ports.out.JobQueue} must do. */
public abstract class JobQueueContract {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  /** A running queue that hands due jobs to {@code handler}, with short retry delays. */
  protected abstract JobQueueFixture newFixture(JobHandler handler);

  /** Records every run; a job's subject decides how often it asks to be retried. */
  private final List<Job> runs = new CopyOnWriteArrayList<>();

  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  /** Jobs whose subject is here wait for the latch before they finish. */
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

  private JobQueueFixture fixture;

  @BeforeEach
  void startQueue() {
    fixture =
        newFixture(
            job -> {
              runs.add(job);
              CountDownLatch hold = holds.get(job.subjectId());
              if (hold != null) {
                awaitQuietly(hold);
              }
              AtomicInteger left = failuresLeft.get(job.subjectId());
              if (left != null && left.getAndDecrement() > 0) {
                if (job.type() == Job.Type.PUSH_TENANT_LANGUAGE) {
                  throw new IllegalStateException("handler failed");
                }
                return new JobResult.RetryLater("not yet");
              }
              return new JobResult.Done();
            });
  }

  @AfterEach
  void stopQueue() {
    fixture.close();
  }

  private void enqueueCommitted(Job... jobs) {
    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              for (Job job : jobs) {
                fixture.jobQueue().enqueue(job);
              }
              return null;
            });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void the_backlog_counts_a_running_job_and_empties_once_it_is_done() {
    CountDownLatch release = new CountDownLatch(1);
    holds.put("held", release);
    try {
      enqueueCommitted(new Job(Job.Type.LINK_TENANT, "held"));

      Eventually.await(
          "the held job to run", PATIENCE, () -> fixture.jobQueue().backlog().running() == 1);
      JobBacklog backlog = fixture.jobQueue().backlog();
      assertThat(backlog.waiting()).isZero();
      assertThat(backlog.oldestDueAge().isNegative()).isFalse();
    } finally {
      release.countDown();
    }
    Eventually.await(
        "an empty backlog",
        PATIENCE,
        () -> fixture.jobQueue().backlog().equals(new JobBacklog(0, 0, 0, Duration.ZERO)));
  }

  @Test
  void a_job_waiting_for_its_retry_is_in_the_backlog() {
    failuresLeft.put("again", new AtomicInteger(1_000));
    enqueueCommitted(new Job(Job.Type.LINK_TENANT, "again"));

    Eventually.await(
        "the job waiting for its retry",
        PATIENCE,
        () ->
            runsOf(new Job(Job.Type.LINK_TENANT, "again")) > 0
                && fixture.jobQueue().backlog().waiting() > 0);
  }

  private long runsOf(Job job) {
    return runs.stream().filter(job::equals).count();
  }

  @Test
  void a_committed_job_runs_once() {
    Job job = new Job(Job.Type.LINK_TENANT, "c-" + System.nanoTime());

    enqueueCommitted(job);

    Eventually.await("the job ran", PATIENCE, () -> runsOf(job) == 1);
    Eventually.pause(Duration.ofMillis(300));
    assertThat(runsOf(job)).isEqualTo(1);
  }

  @Test
  void a_delayed_job_waits_until_it_is_due_then_runs_once() {
    Job later = new Job(Job.Type.SETTLE_SMS, "later-" + System.nanoTime());
    Job muchLater = new Job(Job.Type.SETTLE_SMS, "much-later-" + System.nanoTime());
    Job now = new Job(Job.Type.SEND_SMS, "now-" + System.nanoTime());
    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              fixture.jobQueue().enqueue(muchLater, Duration.ofHours(1));
              fixture.jobQueue().enqueue(later, Duration.ofMillis(500));
              fixture.jobQueue().enqueue(now);
              return null;
            });

    Eventually.await("the job due now to run", PATIENCE, () -> runsOf(now) == 1);
    Eventually.await("the job due in 500 ms to run", PATIENCE, () -> runsOf(later) == 1);
    Eventually.pause(Duration.ofMillis(200));
    assertThat(runsOf(later)).isEqualTo(1);
    assertThat(runsOf(muchLater)).isZero();
    assertThat(fixture.jobQueue().backlog().waiting()).isPositive();
  }

  @Test
  void a_job_enqueued_in_a_rolled_back_transaction_never_runs() {
    Job rolledBack = new Job(Job.Type.SEND_SMS, "rolled-back-" + System.nanoTime());
    Job failed = new Job(Job.Type.SEND_SMS, "failed-" + System.nanoTime());
    Job marker = new Job(Job.Type.SEND_SMS, "marker-" + System.nanoTime());

    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              fixture.jobQueue().enqueue(rolledBack);
              tx.setRollbackOnly();
              return null;
            });
    try {
      fixture
          .unitOfWork()
          .inTransaction(
              tx -> {
                fixture.jobQueue().enqueue(failed);
                throw new IllegalStateException("second write failed");
              });
    } catch (IllegalStateException expected) {
      // the job must go with the transaction
    }
    enqueueCommitted(marker);

    Eventually.await("the marker ran", PATIENCE, () -> runsOf(marker) == 1);
    Eventually.pause(Duration.ofMillis(300));
    assertThat(runsOf(rolledBack)).isZero();
    assertThat(runsOf(failed)).isZero();
  }

  @Test
  void a_job_asking_to_retry_runs_again_until_done() {
    Job job = new Job(Job.Type.LINK_TENANT, "retry-" + System.nanoTime());
    failuresLeft.put(job.subjectId(), new AtomicInteger(2));

    enqueueCommitted(job);

    Eventually.await("three runs", PATIENCE, () -> runsOf(job) == 3);
    Eventually.pause(Duration.ofMillis(500));
    assertThat(runsOf(job)).isEqualTo(3);
  }

  @Test
  void a_job_whose_handler_throws_is_retried() {
    Job job = new Job(Job.Type.PUSH_TENANT_LANGUAGE, "throws-" + System.nanoTime());
    failuresLeft.put(job.subjectId(), new AtomicInteger(1));

    enqueueCommitted(job);

    Eventually.await("two runs", PATIENCE, () -> runsOf(job) == 2);
  }

  @Test
  void the_same_job_enqueued_twice_in_one_transaction_runs_once() {
    Job job = new Job(Job.Type.LINK_TENANT, "twice-" + System.nanoTime());
    Job marker = new Job(Job.Type.SEND_SMS, "marker-" + System.nanoTime());

    enqueueCommitted(job, job);
    enqueueCommitted(marker);

    Eventually.await("both ran", PATIENCE, () -> runsOf(job) >= 1 && runsOf(marker) == 1);
    Eventually.pause(Duration.ofMillis(300));
    assertThat(runsOf(job)).isEqualTo(1);
  }

  @Test
  void different_subjects_of_one_type_are_different_jobs() {
    Job a = new Job(Job.Type.SEND_SMS, "a-" + System.nanoTime());
    Job b = new Job(Job.Type.SEND_SMS, "b-" + System.nanoTime());

    enqueueCommitted(a, b);

    Eventually.await("both ran", PATIENCE, () -> runsOf(a) == 1 && runsOf(b) == 1);
  }
}
