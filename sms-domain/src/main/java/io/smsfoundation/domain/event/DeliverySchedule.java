package io.smsfoundation.domain.event;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a webhook delivery is tried: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h
 * (each retry moved by up to 10 % either way, so that receivers coming back are not flooded), then
 * never again. Immutable.
 */
public final class DeliverySchedule {

  private static final List<Duration> RETRIES =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(2),
          Duration.ofHours(5),
          Duration.ofHours(10),
          Duration.ofHours(10));

  private static final double JITTER = 0.10;

  private static final DeliverySchedule STANDARD = new DeliverySchedule();

  private DeliverySchedule() {}

  public static DeliverySchedule standard() {
    return STANDARD;
  }

  /** How many attempts a delivery gets in all. */
  public int maxAttempts() {
    return RETRIES.size() + 1;
  }

  /**
   * The wait before the next attempt once {@code attemptsMade} attempts failed, or empty when the
   * delivery has had all its attempts.
   *
   * @param random a number in [0, 1) that places the jitter
   */
  public Optional<Duration> nextDelay(int attemptsMade, double random) {
    if (attemptsMade < 1 || attemptsMade > RETRIES.size()) {
      return Optional.empty();
    }
    Duration base = RETRIES.get(attemptsMade - 1);
    double factor = 1 + JITTER * (2 * random - 1);
    return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
  }
}
