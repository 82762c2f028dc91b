package io.smsfoundation.ports;

/**
 * A store could not be reached (connection refused, broken or timed out, the pool exhausted, the
 * server shutting down): nothing was written, and the same call may succeed later. Adapters throw
 * it instead of their technology's exceptions so that callers can answer "try again" (an HTTP 503)
 * without knowing what is behind the port. Its message never holds data from the request.
 */
public class StoreUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
