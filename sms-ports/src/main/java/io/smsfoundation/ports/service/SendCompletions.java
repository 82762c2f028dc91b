package io.smsfoundation.ports.service;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process signal from the send job to the request that created the message, so that the
 * request can wait briefly for the outcome. Only an optimization: when the job runs elsewhere or
 * late, the request simply answers with the status it has. Thread-safe.
 */
public final class SendCompletions {

  private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  /** Registers interest in a message before its send job can start. */
  void expect(UUID messageId) {
    waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>());
  }

  /** Waits up to {@code timeout} for the send of {@code messageId} to finish. */
  void await(UUID messageId, Duration timeout) {
    CompletableFuture<Void> done = waiting.get(messageId);
    if (done == null) {
      return;
    }
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException notYet) {
      // answer with the status as it is now
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.remove(messageId);
    }
  }

  /** Drops interest without waiting (the request ended another way). */
  void forget(UUID messageId) {
    waiting.remove(messageId);
  }

  /** Called by the send job when a message's send attempt is over. */
  void complete(UUID messageId) {
    CompletableFuture<Void> done = waiting.get(messageId);
    if (done != null) {
      done.complete(null);
    }
  }
}
