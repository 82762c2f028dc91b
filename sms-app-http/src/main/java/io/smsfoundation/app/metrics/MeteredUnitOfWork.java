package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.ports.out.UnitOfWork;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Times every database transaction of the use cases, from begin to commit or rollback ({@code
 * sms.db.transactions{result=commit|rollback|error}}): the query latency the service sees. Nested
 * calls join the outer transaction and are not timed twice.
 */
final class MeteredUnitOfWork implements UnitOfWork {

  private final UnitOfWork delegate;
  private final MeterRegistry registry;
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  MeteredUnitOfWork(UnitOfWork delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    int outer = depth.get();
    if (outer > 0) {
      return delegate.inTransaction(work);
    }
    boolean[] rolledBack = {false};
    String result = "error";
    long start = System.nanoTime();
    depth.set(1);
    try {
      T value =
          delegate.inTransaction(
              tx ->
                  work.apply(
                      new Transaction() {
                        @Override
                        public void setRollbackOnly() {
                          rolledBack[0] = true;
                          tx.setRollbackOnly();
                        }

                        @Override
                        public void afterCommit(Runnable action) {
                          tx.afterCommit(action);
                        }
                      }));
      result = rolledBack[0] ? "rollback" : "commit";
      return value;
    } finally {
      depth.remove();
      Timer.builder(ServiceMetrics.DB_TRANSACTIONS)
          .description("Database transactions of the use cases, begin to commit or rollback")
          .tag("result", result)
          .serviceLevelObjectives(ServiceMetrics.LATENCY_BUCKETS)
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
