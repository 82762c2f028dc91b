package io.smsfoundation.ports.contract;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something asynchronous to become true; fails with a message when it never does. */
public final class Eventually {

  private Eventually() {}

  public static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, interrupted);
      }
    }
  }

  /** Lets time pass, to show that something does not happen. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
