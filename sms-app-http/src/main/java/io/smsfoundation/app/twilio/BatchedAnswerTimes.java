package io.smsfoundation.app.twilio;

import io.smsfoundation.ports.in.ReceiveCall;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the calls' answer times in batches: each answered call is queued, and every {@code every}
 * one write records all the queued times, so that an answered call costs no commit of its own after
 * its answer. Receiving calls passes straight through. Times still queued when the service stops
 * are written on {@link #close()}; a crash loses at most one interval of them (the calls themselves
 * are committed before they are answered). Thread-safe.
 */
public final class BatchedAnswerTimes implements ReceiveCall, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchedAnswerTimes.class);

  private record Answer(UUID callId, Duration responseTime) {}

  private final ReceiveCall delegate;
  private final ConcurrentLinkedQueue<Answer> queue = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService flusher;

  public BatchedAnswerTimes(ReceiveCall delegate, Duration every) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sms-call-answer-times");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CallOutcome receive(IncomingCall call) {
    return delegate.receive(call);
  }

  @Override
  public void answered(Map<UUID, Duration> responseTimes) {
    responseTimes.forEach((id, time) -> queue.add(new Answer(id, time)));
  }

  /** Writes every queued time now. */
  void flush() {
    Map<UUID, Duration> batch = new HashMap<>();
    for (Answer answer = queue.poll(); answer != null; answer = queue.poll()) {
      batch.putIfAbsent(answer.callId(), answer.responseTime());
    }
    if (!batch.isEmpty()) {
      delegate.answered(batch);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException failure) {
      // the times are a measurement: losing one batch to a database outage loses no call
      LOG.warn("recording the answer times of calls failed", failure);
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
