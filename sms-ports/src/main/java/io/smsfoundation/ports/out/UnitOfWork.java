package io.smsfoundation.ports.out;

import java.util.function.Function;

/**
 * Makes a use case's writes atomic: every store call made inside {@link #inTransaction} on the
 * calling thread commits together or not at all, and jobs enqueued there run only after commit.
 * Implementations are thread-safe; nested calls join the outer transaction.
 */
public interface UnitOfWork {

  /**
   * Runs {@code work} in one transaction. An exception thrown by {@code work} rolls back and is
   * rethrown; so does a failure to commit.
   */
  <T> T inTransaction(Function<Transaction, T> work);

  /** A transaction in progress, handed to the work it runs. */
  interface Transaction {

    /** Ends the transaction with a rollback instead of a commit, without an exception. */
    void setRollbackOnly();

    /** Runs {@code action} once the transaction has committed; never after a rollback. */
    void afterCommit(Runnable action);
  }
}
