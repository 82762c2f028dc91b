package io.smsfoundation.ports.out;

import java.time.Duration;
import java.util.Objects;

/**
 * How much background work is waiting, for metrics and operators.
 *
 * @param waiting jobs not running, due or not (retries included)
 * @param due waiting jobs whose time has come
 * @param running jobs being run now
 * @param oldestDueAge how long the oldest due job has been due; zero when none is
 */
public record JobBacklog(long waiting, long due, long running, Duration oldestDueAge) {

  public JobBacklog {
    Objects.requireNonNull(oldestDueAge, "oldestDueAge");
  }
}
