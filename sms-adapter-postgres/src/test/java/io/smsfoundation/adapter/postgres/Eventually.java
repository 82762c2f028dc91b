package io.smsfoundation.adapter.postgres;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread; the limit only guards against hangs. */
final class Eventually {

  private static final Duration LIMIT = Duration.ofSeconds(20);

  private Eventually() {}

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
