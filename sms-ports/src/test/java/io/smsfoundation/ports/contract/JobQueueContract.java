package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.out.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private JobQueueFixture fixture;

  @BeforeEach
  void startQueue() {
    fixture =
        newFixture(
            job -> {
              runs.add(job);
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
