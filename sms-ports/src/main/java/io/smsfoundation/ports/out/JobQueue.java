package io.smsfoundation.ports.out;

import java.time.Duration;

/**
 * Durable background work. {@link #enqueue} is called inside a {@link UnitOfWork}: the job is saved
 * with that transaction, runs only if it commits, and is handed to the {@link
 * io.smsfoundation.ports.in.JobHandler} the queue was started with, retried with growing delays
 * while the handler asks for it.
 */
public interface JobQueue {

  /**
   * Saves a job in the current transaction, due now; a waiting job with the same key absorbs it.
   */
  default void enqueue(Job job) {
    enqueue(job, Duration.ZERO);
  }

  /**
   * Saves a job in the current transaction that becomes due {@code delay} after now; a waiting job
   * with the same key absorbs it (and keeps its own due time).
   */
  void enqueue(Job job, Duration delay);

  /** The work waiting now, counted over every process that shares the queue. */
  JobBacklog backlog();
}
