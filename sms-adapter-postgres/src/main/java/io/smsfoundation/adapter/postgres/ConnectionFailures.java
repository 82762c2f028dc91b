package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.StoreUnavailableException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a database that cannot serve now from a statement that failed for good, and turns the first
 * into the port's {@link StoreUnavailableException}, so that nothing above this adapter reads SQL
 * states. Cannot serve now means: the pool gave up waiting for a connection, a connection was
 * refused, broken or timed out, or the server is shutting down (SQL states of class 08, connection
 * exception, and 57P, operator intervention); a statement or lock wait ran past its timeout (57014,
 * 55P03) or the server ended an idle transaction (25P03); a serialization failure or deadlock
 * (40001, 40P01); or the server is out of resources (class 53). Each of these may succeed when
 * tried again.
 */
final class ConnectionFailures {

  /** SQL state classes: connection exception, insufficient resources. */
  private static final Set<String> RETRY_LATER_CLASSES = Set.of("08", "53");

  /** Query canceled (statement timeout), lock not available, idle-in-transaction timeout... */
  private static final Set<String> RETRY_LATER_STATES =
      Set.of("57014", "55P03", "25P03", "40001", "40P01");

  private ConnectionFailures() {}

  /**
   * {@code failure} as a {@link StoreUnavailableException} when it means the database could not be
   * reached, else {@code failure} itself.
   */
  static RuntimeException translate(RuntimeException failure) {
    if (failure instanceof StoreUnavailableException || !isUnreachable(failure)) {
      return failure;
    }
    return new StoreUnavailableException(
        "the database cannot be reached: " + cause(failure), failure);
  }

  static boolean isUnreachable(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (RETRY_LATER_CLASSES.contains(state.substring(0, Math.min(2, state.length())))
            || state.startsWith("57P")
            || RETRY_LATER_STATES.contains(state)) {
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

  /**
   * The innermost cause's type and SQL state: enough to tell an outage from another, never the
   * statement or its arguments.
   */
  private static String cause(Throwable failure) {
    Throwable root = failure;
    String state = null;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      root = t;
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        state = sql.getSQLState();
      }
    }
    return root.getClass().getSimpleName() + (state == null ? "" : " (SQL state " + state + ")");
  }
}
