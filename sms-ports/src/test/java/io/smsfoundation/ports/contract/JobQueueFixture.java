package io.smsfoundation.ports.contract;

import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.UnitOfWork;

/** A running job queue and the unit of work its jobs are enqueued in. */
public interface JobQueueFixture extends AutoCloseable {

  UnitOfWork unitOfWork();

  JobQueue jobQueue();

  @Override
  void close();
}
