package io.smsfoundation.ports.in;

import io.smsfoundation.ports.out.Job;

/**
 * Runs one background job; the job queue calls it. Throwing counts as {@link JobResult.RetryLater}
 * with the exception's message.
 */
public interface JobHandler {

  JobResult handle(Job job);

  /** Whether a job is finished. */
  sealed interface JobResult {

    record Done() implements JobResult {}

    /**
     * Run the job again: after {@code after} when it is given, else after a delay the queue grows
     * with every failure.
     */
    record RetryLater(String reason, java.time.Duration after) implements JobResult {

      /** Run the job again after the queue's growing delay. */
      public RetryLater(String reason) {
        this(reason, null);
      }
    }
  }
}
