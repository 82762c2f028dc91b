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

    /** Run the job again after a growing delay. */
    record RetryLater(String reason) implements JobResult {}
  }
}
