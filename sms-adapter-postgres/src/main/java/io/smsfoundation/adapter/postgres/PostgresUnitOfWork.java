package io.smsfoundation.adapter.postgres;

import io.smsfoundation.ports.StoreUnavailableException;
import io.smsfoundation.ports.out.UnitOfWork;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL transaction per use case. The transaction's JDBI {@link Handle} is kept for the
 * calling thread, so every Postgres store called inside {@link #inTransaction} on that thread
 * writes through the same connection; store calls outside a unit of work use a short-lived handle
 * of their own (auto-commit). Nested calls join the outer transaction. Thread-safe.
 *
 * <p>Background work (jobs, run through {@link #inBackground}) may hold at most a given number of
 * transactions at once, so that however many jobs run, and however slow the receivers they wait
 * for, the rest of the pool stays free for requests: a webhook never waits for a connection because
 * deliveries are busy.
 */
public final class PostgresUnitOfWork implements UnitOfWork {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresUnitOfWork.class);

  /** How much of a failed statement's SQL its exception shows. */
  private static final int STATEMENT_IN_MESSAGE = 300;

  /** Whether the calling thread runs background work. */
  private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> false);

  private final Jdbi jdbi;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  private final Semaphore background;

  /** A unit of work over connections from {@code dataSource} (normally a pool). */
  public PostgresUnitOfWork(DataSource dataSource) {
    this(dataSource, 0);
  }

  /**
   * @param backgroundTransactions how many transactions background work may hold at once; {@code 0}
   *     for no limit
   */
  public PostgresUnitOfWork(DataSource dataSource, int backgroundTransactions) {
    Objects.requireNonNull(dataSource, "dataSource");
    if (backgroundTransactions < 0) {
      throw new IllegalArgumentException(
          "backgroundTransactions must not be negative, got " + backgroundTransactions);
    }
    this.background = backgroundTransactions == 0 ? null : new Semaphore(backgroundTransactions);
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(PostgresUnitOfWork::describe);
  }

  /**
   * What a failed statement's exception says: the driver's message and the statement with its
   * placeholders, never the bound values (phone numbers, bodies, raw forms), which Jdbi's default
   * rendering appends and every log of the exception would then carry.
   */
  static String describe(StatementException failure) {
    StatementContext context = failure.getStatementContext();
    String sql = context == null ? null : context.getRenderedSql();
    String statement =
        sql == null
            ? ""
            : " [statement: \""
                + (sql.length() > STATEMENT_IN_MESSAGE
                    ? sql.substring(0, STATEMENT_IN_MESSAGE) + "..."
                    : sql)
                + "\"]";
    return failure.getShortMessage() + statement;
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreUnavailableException when the database cannot be reached; nothing was committed
   */
  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    Objects.requireNonNull(work, "work");
    try {
      return transaction(work);
    } catch (RuntimeException failure) {
      throw ConnectionFailures.translate(failure);
    }
  }

  /** Runs {@code work} as background work: its transactions count against the background limit. */
  static <T> T inBackground(Supplier<T> work) {
    if (BACKGROUND.get()) {
      return work.get();
    }
    BACKGROUND.set(true);
    try {
      return work.get();
    } finally {
      BACKGROUND.remove();
    }
  }

  private <T> T transaction(Function<Transaction, T> work) {
    Tx outer = current.get();
    if (outer == null && background != null && BACKGROUND.get()) {
      try {
        background.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while waiting for a connection", e);
      }
      try {
        return outermost(work);
      } finally {
        background.release();
      }
    }
    if (outer != null) {
      try {
        return work.apply(outer);
      } catch (RuntimeException | Error e) {
        // The outer transaction may already be aborted by PostgreSQL; it must not commit.
        outer.nestedFailure = true;
        throw e;
      }
    }
    return outermost(work);
  }

  private <T> T outermost(Function<Transaction, T> work) {
    Handle handle = jdbi.open();
    Tx tx = new Tx(handle);
    current.set(tx);
    T result;
    boolean committed = false;
    try {
      handle.begin();
      result = work.apply(tx);
      if (tx.rollbackOnly || tx.nestedFailure) {
        handle.rollback();
      } else {
        handle.commit();
        committed = true;
      }
    } catch (Throwable e) {
      rollbackQuietly(handle, e);
      throw e;
    } finally {
      current.remove();
      handle.close();
    }
    if (tx.nestedFailure && !tx.rollbackOnly) {
      throw new IllegalStateException(
          "the transaction was rolled back because a nested unit of work failed");
    }
    if (committed) {
      tx.runAfterCommit();
    }
    return result;
  }

  private static void rollbackQuietly(Handle handle, Throwable cause) {
    try {
      if (handle.isInTransaction()) {
        handle.rollback();
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Runs {@code callback} on the current transaction's handle, or on a short-lived auto-commit
   * handle when no unit of work is open on this thread.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  <R> R withHandle(Function<Handle, R> callback) {
    try {
      Tx tx = current.get();
      if (tx != null) {
        return callback.apply(tx.handle);
      }
      try (Handle handle = jdbi.open()) {
        return callback.apply(handle);
      }
    } catch (RuntimeException failure) {
      throw ConnectionFailures.translate(failure);
    }
  }

  /**
   * Runs {@code callback} in a transaction of its own whose statements may run up to {@code
   * budget}, instead of the pool's limits of about a second: for the background scans behind the
   * gauges, which grow with the tables.
   *
   * @throws StoreUnavailableException when the database cannot be reached or the budget runs out
   */
  <R> R withLongStatements(Duration budget, Function<Handle, R> callback) {
    try (Handle handle = jdbi.open()) {
      // the pool puts the connection's own socket timeout back when it is returned
      handle
          .getConnection()
          .setNetworkTimeout(Runnable::run, Math.toIntExact(budget.plusSeconds(1).toMillis()));
      return handle.inTransaction(
          h -> {
            h.execute("set local statement_timeout = " + budget.toMillis());
            return callback.apply(h);
          });
    } catch (SQLException e) {
      throw ConnectionFailures.translate(new IllegalStateException("cannot set a timeout", e));
    } catch (RuntimeException failure) {
      throw ConnectionFailures.translate(failure);
    }
  }

  /** Like {@link #withHandle} with a DAO over the handle. */
  <D, R> R withDao(Function<Handle, D> dao, Function<D, R> callback) {
    return withHandle(handle -> callback.apply(dao.apply(handle)));
  }

  /**
   * Runs {@code action} after the current transaction commits, or right away when no unit of work
   * is open on this thread (the caller's write has then already been committed).
   */
  void afterCommitOrNow(Runnable action) {
    Tx tx = current.get();
    if (tx != null) {
      tx.afterCommit(action);
    } else {
      action.run();
    }
  }

  /** Whether a unit of work is open on the calling thread. */
  boolean inUnitOfWork() {
    return current.get() != null;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  private static final class Tx implements Transaction {
    private final Handle handle;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean rollbackOnly;
    private boolean nestedFailure;

    Tx(Handle handle) {
      this.handle = handle;
    }

    @Override
    public void setRollbackOnly() {
      rollbackOnly = true;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(Objects.requireNonNull(action, "action"));
    }

    void runAfterCommit() {
      for (Runnable action : afterCommit) {
        try {
          action.run();
        } catch (RuntimeException e) {
          // The transaction is committed: failing the caller now would report a write as lost.
          LOG.error("an after-commit action failed; the transaction itself is committed", e);
        }
      }
    }
  }
}
