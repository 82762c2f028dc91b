package io.smsfoundation.adapter.monitor;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.function.CheckedSupplier;
import io.smsfoundation.adapter.monitor.Exchange.Answer;
import io.smsfoundation.adapter.monitor.Exchange.NoAnswer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Failsafe policies around every Monitor request, built once from the settings and shared by
 * all calls of one directory (the breaker has to see all of them to judge the Monitor's health).
 * Order, outermost first: Fallback, RetryPolicy, CircuitBreaker, Timeout; {@link
 * MonitorTenantDirectory} explains why. Thread-safe.
 */
final class MonitorPolicies {

  private static final Logger log = LoggerFactory.getLogger(MonitorTenantDirectory.class);

  private final MonitorSettings settings;
  private final CircuitBreaker<Exchange> breaker;
  private final FailsafeExecutor<Exchange> executor;
  private final FailsafeExecutor<Object> budget;

  MonitorPolicies(MonitorSettings settings) {
    this.settings = settings;
    Backoff backoff =
        new Backoff(
            settings.backoffInitial(),
            settings.backoffMax(),
            settings.jitterFactor(),
            () -> ThreadLocalRandom.current().nextDouble());

    Timeout<Exchange> attemptTimeout =
        Timeout.<Exchange>builder(settings.attemptTimeout()).withInterrupt().build();

    this.breaker =
        CircuitBreaker.<Exchange>builder()
            .handleIf(MonitorPolicies::isTransient)
            .withFailureThreshold(settings.breakerFailureThreshold(), settings.breakerWindow())
            .withDelay(settings.breakerDelay())
            .withSuccessThreshold(settings.breakerSuccessThreshold())
            .onOpen(
                event ->
                    log.warn(
                        "monitor circuit opened after {} failed attempts of the last {}; calls"
                            + " fail fast for {}",
                        settings.breakerFailureThreshold(),
                        settings.breakerWindow(),
                        settings.breakerDelay()))
            .onHalfOpen(event -> log.info("monitor circuit half-open: the next call probes"))
            .onClose(event -> log.info("monitor circuit closed: the monitor answers again"))
            .build();

    RetryPolicy<Exchange> retry =
        RetryPolicy.<Exchange>builder()
            .handleIf(MonitorPolicies::isTransient)
            // An open circuit will not close within this call's retries: end the call now.
            .abortOn(CircuitBreakerOpenException.class)
            // The server asked for a longer pause than a call may wait: leave it to the caller.
            .abortIf((result, failure) -> asksForTooLongAPause(result))
            .withMaxAttempts(settings.maxAttempts())
            .withDelayFn(
                context -> {
                  Exchange last = context.getLastResult();
                  Duration retryAfter = last instanceof Answer answer ? answer.retryAfter() : null;
                  return backoff.delay(context.getAttemptCount(), retryAfter);
                })
            .build();

    Fallback<Exchange> noAnswer =
        Fallback.<Exchange>builder(
                // A block body: as a bare expression the lambda would also fit the consumer form.
                event -> {
                  return new NoAnswer(describe(event.getLastException()));
                })
            .handle(Exception.class)
            .build();

    this.executor = Failsafe.with(noAnswer, retry, breaker, attemptTimeout);

    // Around a whole call (every variant of a lookup, with their retries): interrupts it when the
    // budget is spent, whatever it is doing, a request or a wait between two.
    this.budget = Failsafe.with(Timeout.builder(settings.lookupBudget()).withInterrupt().build());
  }

  /**
   * Runs a whole call within the lookup budget; {@code overBudget} is the answer when the budget
   * ends it. Never throws for a call that takes too long.
   */
  <T> T withinBudget(CheckedSupplier<T> call, Supplier<T> overBudget) {
    try {
      return budget.get(call);
    } catch (TimeoutExceededException spent) {
      // the interrupt was meant for the call, not for the thread that goes on with the answer
      Thread.interrupted();
      return overBudget.get();
    }
  }

  /** Runs one request under the policies; never throws for a failed or refused request. */
  Exchange run(CheckedSupplier<Exchange> attempt) {
    return executor.get(attempt);
  }

  MonitorTenantDirectory.CircuitState circuitState() {
    return switch (breaker.getState()) {
      case CLOSED -> MonitorTenantDirectory.CircuitState.CLOSED;
      case HALF_OPEN -> MonitorTenantDirectory.CircuitState.HALF_OPEN;
      // The breaker only moves to half-open when the next call asks; report it already.
      case OPEN ->
          breaker.getRemainingDelay().isZero()
              ? MonitorTenantDirectory.CircuitState.HALF_OPEN
              : MonitorTenantDirectory.CircuitState.OPEN;
    };
  }

  /** What the breaker counts as a failure and the retry policy retries. */
  static boolean isTransient(Exchange result, Throwable failure) {
    if (failure != null) {
      return failure instanceof IOException || failure instanceof TimeoutExceededException;
    }
    return result instanceof Answer answer && answer.isTransient();
  }

  private boolean asksForTooLongAPause(Exchange result) {
    return result instanceof Answer answer
        && answer.isTransient()
        && answer.retryAfter() != null
        && answer.retryAfter().compareTo(settings.retryAfterLimit()) > 0;
  }

  private String describe(Throwable failure) {
    return switch (failure) {
      case CircuitBreakerOpenException open ->
          "circuit open after repeated failures; calls resume after " + settings.breakerDelay();
      case TimeoutExceededException timeout ->
          "no answer within " + settings.attemptTimeout() + " per attempt";
      case HttpConnectTimeoutException timeout ->
          "could not connect within " + settings.attemptTimeout();
      case HttpTimeoutException timeout ->
          "no answer within " + settings.attemptTimeout() + " per attempt";
      case ConnectException refused -> "could not connect: " + describeCause(refused);
      case IOException io -> "I/O error: " + describeCause(io);
      case InterruptedException interrupted -> {
        // Whoever interrupted us (a shutdown) must still see the flag.
        Thread.currentThread().interrupt();
        yield "interrupted";
      }
      default -> {
        log.error("unexpected failure calling the monitor", failure);
        yield "unexpected failure: " + failure.getClass().getName();
      }
    };
  }

  private static String describeCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
