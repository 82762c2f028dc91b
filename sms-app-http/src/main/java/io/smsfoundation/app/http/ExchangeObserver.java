package io.smsfoundation.app.http;

/**
 * Told about every request a route answered, for metrics. Implementations are thread-safe and
 * quick: they run on the request's thread after the answer is written.
 */
@FunctionalInterface
public interface ExchangeObserver {

  /** Observes nothing. */
  ExchangeObserver NONE = (method, route, status, outcome, durationNanos) -> {};

  /**
   * @param route the route's path template ({@code /messages/{id}}), never the raw path (which may
   *     hold a phone number), or {@code unmatched}
   * @param outcome the endpoint's outcome word ({@code accepted}, {@code duplicate}, {@code
   *     invalid_signature}...) or the error code, or {@code null}
   */
  void answered(String method, String route, int status, String outcome, long durationNanos);
}
