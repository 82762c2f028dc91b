package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.contract.CallStoreContract;
import io.smsfoundation.ports.contract.ConversationStoreContract;
import io.smsfoundation.ports.contract.EventFixture;
import io.smsfoundation.ports.contract.EventStoreContract;
import io.smsfoundation.ports.contract.JobQueueContract;
import io.smsfoundation.ports.contract.JobQueueFixture;
import io.smsfoundation.ports.contract.MessageStoreContract;
import io.smsfoundation.ports.contract.RateLimiterContract;
import io.smsfoundation.ports.contract.StoreFixture;
import io.smsfoundation.ports.contract.SubscriptionStoreContract;
import io.smsfoundation.ports.contract.TenantDirectoryContract;
import io.smsfoundation.ports.contract.TenantNumbersContract;
import io.smsfoundation.ports.contract.UnitOfWorkContract;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL adapters pass every contract suite of their ports, on one schema emptied per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresContractsTest {

  private static final PostgresJobQueue.Settings FAST_JOBS =
      PostgresJobQueue.Settings.defaults()
          .withPollInterval(Duration.ofMillis(100))
          .withRetryDelays(Duration.ofMillis(20), Duration.ofSeconds(1))
          .withShutdownWait(Duration.ofSeconds(5));

  private PostgresTestDatabase.Schema schema;
  private PostgresAdapters adapters;

  @BeforeAll
  void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  void dropSchema() {
    schema.close();
  }

  private StoreFixture emptyStores() {
    schema.truncateAll();
    return StoreFixture.of(
        adapters.unitOfWork(),
        adapters.conversations(),
        adapters.messages(),
        adapters.tenantNumbers());
  }

  @Nested
  class Conversations extends ConversationStoreContract {
    @Override
    protected StoreFixture newFixture() {
      return emptyStores();
    }
  }

  @Nested
  class Messages extends MessageStoreContract {
    @Override
    protected StoreFixture newFixture() {
      return emptyStores();
    }
  }

  @Nested
  class Calls extends CallStoreContract {
    @Override
    protected CallFixture newFixture() {
      return new CallFixture(emptyStores(), adapters.calls());
    }
  }

  @Nested
  class Numbers extends TenantNumbersContract {
    @Override
    protected StoreFixture newFixture() {
      return emptyStores();
    }
  }

  @Nested
  class Transactions extends UnitOfWorkContract {
    @Override
    protected StoreFixture newFixture() {
      return emptyStores();
    }
  }

  private EventFixture emptyEventStores() {
    schema.truncateAll();
    return EventFixture.of(adapters.unitOfWork(), adapters.events(), adapters.subscriptions());
  }

  @Nested
  class Events extends EventStoreContract {
    @Override
    protected EventFixture newFixture() {
      return emptyEventStores();
    }
  }

  @Nested
  class Subscriptions extends SubscriptionStoreContract {
    @Override
    protected EventFixture newFixture() {
      return emptyEventStores();
    }
  }

  @Nested
  class RateLimits extends RateLimiterContract {
    @Override
    protected Fixture newFixture() {
      return new Fixture(adapters.unitOfWork(), adapters.rateLimiter());
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected JobQueueFixture newFixture(JobHandler handler) {
      schema.truncateAll();
      PostgresJobQueue queue = adapters.jobQueue(FAST_JOBS);
      queue.start(handler);
      return JobQueueFixture.of(adapters.unitOfWork(), queue, queue::stop);
    }
  }

  @Nested
  class Directory extends TenantDirectoryContract {
    @Override
    protected TenantDirectory directoryWith(List<TenantProfile> tenants) {
      schema.truncateAll();
      tenants.forEach(adapters.tenantDirectory()::save);
      return adapters.tenantDirectory();
    }
  }
}
