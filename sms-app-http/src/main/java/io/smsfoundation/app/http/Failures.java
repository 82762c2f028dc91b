package io.smsfoundation.app.http;

import io.smsfoundation.ports.in.InvalidCommandException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps whatever an endpoint threw to the answer the caller gets: refusals keep their status,
 * invalid commands become 400s, an unreachable database becomes a 503 (so that Twilio retries),
 * anything else a 500 whose stack trace goes to the log and never to the caller.
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
    if (isDatabaseUnavailable(failure)) {
      LOG.warn("database unavailable: {}", describe(failure));
      return ApiError.unavailable("The database is unavailable; retry later");
    }
    LOG.error("unexpected failure", failure);
    return ApiError.internal();
  }

  /**
   * Whether the failure comes from not reaching the database: pool timeouts, refused or broken
   * connections, socket failures under a JDBC exception, and SQL states of class 08 (connection
   * exception) or 57P (operator intervention). Looks only at JDK types so that it holds for any
   * JDBC stack.
   */
  static boolean isDatabaseUnavailable(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      if ((t instanceof SocketException || t instanceof InterruptedIOException)
          && hasSqlAncestor(failure, t)) {
        return true;
      }
    }
    return false;
  }

  /** A socket failure counts only when it surfaced through JDBC, not from, say, an HTTP call. */
  private static boolean hasSqlAncestor(Throwable root, Throwable socketFailure) {
    for (Throwable t = root; t != null && t != socketFailure; t = t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
