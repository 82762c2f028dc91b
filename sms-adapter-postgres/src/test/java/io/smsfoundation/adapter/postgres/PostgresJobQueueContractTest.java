package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.JobQueueContract;
import io.smsfoundation.ports.contract.JobQueueFixture;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresJobQueueContractTest extends JobQueueContract {

  private static final PostgresJobQueue.Settings SETTINGS =
      PostgresJobQueue.Settings.defaults()
          .withPollInterval(Duration.ofMillis(100))
          .withRetryDelays(Duration.ofMillis(20), Duration.ofSeconds(1))
          .withShutdownWait(Duration.ofSeconds(5));

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @Override
  protected JobQueueFixture newFixture(JobHandler handler) {
    schema.truncateAll();
    PostgresJobQueue queue = adapters.jobQueue(SETTINGS);
    queue.start(handler);
    return new JobQueueFixture() {
      @Override
      public UnitOfWork unitOfWork() {
        return adapters.unitOfWork();
      }

      @Override
      public JobQueue jobQueue() {
        return queue;
      }

      @Override
      public void close() {
        queue.stop();
      }
    };
  }
}
