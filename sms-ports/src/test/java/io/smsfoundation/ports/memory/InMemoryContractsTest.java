package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.contract.CallStoreContract;
import io.smsfoundation.ports.contract.ConversationStoreContract;
import io.smsfoundation.ports.contract.EventFixture;
import io.smsfoundation.ports.contract.EventStoreContract;
import io.smsfoundation.ports.contract.JobQueueContract;
import io.smsfoundation.ports.contract.JobQueueFixture;
import io.smsfoundation.ports.contract.ListingSmsGatewayContract;
import io.smsfoundation.ports.contract.MessageStoreContract;
import io.smsfoundation.ports.contract.RateLimiterContract;
import io.smsfoundation.ports.contract.StoreFixture;
import io.smsfoundation.ports.contract.SubscriptionStoreContract;
import io.smsfoundation.ports.contract.TenantDirectoryContract;
import io.smsfoundation.ports.contract.TenantNumbersContract;
import io.smsfoundation.ports.contract.UnitOfWorkContract;
import io.smsfoundation.ports.contract.UsageLedgerContract;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The in-memory adapters pass every contract suite. */
class InMemoryContractsTest {

  static StoreFixture stores() {
    InMemoryAdapters adapters = InMemoryAdapters.create();
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
      return stores();
    }
  }

  @Nested
  class Messages extends MessageStoreContract {
    @Override
    protected StoreFixture newFixture() {
      return stores();
    }
  }

  @Nested
  class Calls extends CallStoreContract {
    @Override
    protected CallFixture newFixture() {
      InMemoryAdapters adapters = InMemoryAdapters.create();
      return new CallFixture(
          StoreFixture.of(
              adapters.unitOfWork(),
              adapters.conversations(),
              adapters.messages(),
              adapters.tenantNumbers()),
          new InMemoryCallStore(adapters.unitOfWork()));
    }
  }

  @Nested
  class Numbers extends TenantNumbersContract {
    @Override
    protected StoreFixture newFixture() {
      return stores();
    }
  }

  @Nested
  class Transactions extends UnitOfWorkContract {
    @Override
    protected StoreFixture newFixture() {
      return stores();
    }
  }

  static EventFixture eventStores() {
    InMemoryUnitOfWork db = new InMemoryUnitOfWork();
    return EventFixture.of(db, new InMemoryEventStore(db), new InMemorySubscriptionStore(db));
  }

  @Nested
  class Events extends EventStoreContract {
    @Override
    protected EventFixture newFixture() {
      return eventStores();
    }

    @Override
    protected boolean serializesTransactions() {
      return true;
    }
  }

  @Nested
  class Subscriptions extends SubscriptionStoreContract {
    @Override
    protected EventFixture newFixture() {
      return eventStores();
    }
  }

  @Nested
  class Usage extends UsageLedgerContract {
    @Override
    protected Fixture newFixture() {
      InMemoryAdapters adapters = InMemoryAdapters.create();
      return new Fixture(
          StoreFixture.of(
              adapters.unitOfWork(),
              adapters.conversations(),
              adapters.messages(),
              adapters.tenantNumbers()),
          adapters.usage());
    }
  }

  @Nested
  class RateLimits extends RateLimiterContract {
    @Override
    protected Fixture newFixture() {
      InMemoryUnitOfWork db = new InMemoryUnitOfWork();
      return new Fixture(db, new InMemoryRateLimiter(db));
    }
  }

  @Nested
  class Jobs extends JobQueueContract {
    @Override
    protected JobQueueFixture newFixture(JobHandler handler) {
      InMemoryUnitOfWork db = new InMemoryUnitOfWork();
      InMemoryJobQueue queue =
          new InMemoryJobQueue(db, Duration.ofMillis(20), Duration.ofMillis(200));
      queue.start(handler);
      return JobQueueFixture.of(db, queue, queue::close);
    }
  }

  @Nested
  class Directory extends TenantDirectoryContract {
    @Override
    protected TenantDirectory directoryWith(List<TenantProfile> tenants) {
      return new InMemoryTenantDirectory(tenants);
    }
  }

  @Nested
  class Gateway extends ListingSmsGatewayContract {
    private final InMemorySmsGateway gateway = new InMemorySmsGateway();
    private final PhoneNumber invalid = new PhoneNumber("+15005550001");
    private final PhoneNumber createdButUnanswered = new PhoneNumber("+15005550012");

    Gateway() {
      for (int i = 0; i < 10; i++) {
        gateway.script(invalid, new SendOutcome.Rejected("21211", "invalid 'To' number", false));
        gateway.scriptUnknownAfterCreate(createdButUnanswered);
      }
    }

    @Override
    protected PhoneNumber createdButUnansweredNumber() {
      return createdButUnanswered;
    }

    @Override
    protected PhoneNumber otherDeliverableNumber() {
      return new PhoneNumber("+12015550199");
    }

    @Override
    protected SmsGateway gateway() {
      return gateway;
    }

    @Override
    protected PhoneNumber deliverableNumber() {
      return new PhoneNumber("+12015550123");
    }

    @Override
    protected PhoneNumber invalidNumber() {
      return invalid;
    }
  }
}
