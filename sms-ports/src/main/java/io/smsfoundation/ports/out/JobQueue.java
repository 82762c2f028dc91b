package io.smsfoundation.ports.out;

/**
 * Durable background work. {@link #enqueue} is called inside a {@link UnitOfWork}: the job is saved
 * with that transaction, runs only if it commits, and is handed to the {@link
 * io.smsfoundation.ports.in.JobHandler} the queue was started with, retried with growing delays
 * while the handler asks for it.
 */
public interface JobQueue {

  /** Saves a job in the current transaction; a waiting job with the same key absorbs it. */
  void enqueue(Job job);

  /** The work waiting now, counted over every process that shares the queue. */
  JobBacklog backlog();
}
