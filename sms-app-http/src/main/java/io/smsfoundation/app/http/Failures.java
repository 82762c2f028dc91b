package io.smsfoundation.app.http;

import io.smsfoundation.ports.StoreUnavailableException;
import io.smsfoundation.ports.in.InvalidCommandException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps whatever an endpoint threw to the answer the caller gets: refusals keep their status,
 * invalid commands become 400s, a store that cannot be reached becomes a 503 (so that Twilio
 * retries), anything else a 500 whose stack trace goes to the log and never to the caller.
 */
final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static ApiError toApiError(Throwable failure) {
    if (failure instanceof ApiError error) {
      return error;
    }
    if (failure instanceof InvalidCommandException invalid) {
      return ApiError.validation("The request is invalid", invalid.fieldErrors());
    }
    StoreUnavailableException unavailable = unavailable(failure);
    if (unavailable != null) {
      LOG.warn("database unavailable: {}", unavailable.getMessage());
      return ApiError.unavailable("The database is unavailable; retry later");
    }
    LOG.error("unexpected failure", failure);
    return ApiError.internal();
  }

  /** The store failure behind {@code failure}, or {@code null}. */
  private static StoreUnavailableException unavailable(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof StoreUnavailableException store) {
        return store;
      }
    }
    return null;
  }
}
