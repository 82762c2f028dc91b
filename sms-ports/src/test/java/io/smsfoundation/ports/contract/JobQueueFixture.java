package io.smsfoundation.ports.contract;

import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.UnitOfWork;

/** A running job queue and the unit of work its jobs are enqueued in. */
public interface JobQueueFixture extends AutoCloseable {

  UnitOfWork unitOfWork();

  JobQueue jobQueue();

  @Override
  void close();

  /** A fixture over a running queue; {@code stop} ends it. */
  static JobQueueFixture of(UnitOfWork unitOfWork, JobQueue jobQueue, Runnable stop) {
    return new JobQueueFixture() {
      @Override
      public UnitOfWork unitOfWork() {
        return unitOfWork;
      }

      @Override
      public JobQueue jobQueue() {
        return jobQueue;
      }

      @Override
      public void close() {
        stop.run();
      }
    };
  }
}
