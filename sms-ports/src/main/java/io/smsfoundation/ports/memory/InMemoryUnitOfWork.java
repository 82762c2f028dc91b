package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.out.UnitOfWork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The in-memory "database": one lock serializes every store operation and transaction, and each
 * transaction keeps an undo log so that a rollback restores what its writes changed. Thread-safe;
 * simple rather than fast, which is what tests and embedders need from it.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<MemoryTransaction> current = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Function<Transaction, T> work) {
    MemoryTransaction joined = current.get();
    if (joined != null) {
      return work.apply(joined);
    }
    MemoryTransaction tx = new MemoryTransaction();
    T result;
    lock.lock();
    current.set(tx);
    try {
      result = work.apply(tx);
      if (tx.rollbackOnly) {
        tx.undo();
      }
    } catch (RuntimeException | Error failure) {
      tx.undo();
      throw failure;
    } finally {
      current.remove();
      lock.unlock();
    }
    if (!tx.rollbackOnly) {
      tx.afterCommit.forEach(Runnable::run);
    }
    return result;
  }

  /** Whether the calling thread is inside a transaction. */
  public boolean inTransaction() {
    return current.get() != null;
  }

  /** Runs a store operation under the lock, inside the caller's transaction if there is one. */
  <T> T locked(Supplier<T> operation) {
    lock.lock();
    try {
      return operation.get();
    } finally {
      lock.unlock();
    }
  }

  /** Registers how to undo a write just made, when it was made inside a transaction. */
  void onRollback(Runnable undo) {
    MemoryTransaction tx = current.get();
    if (tx != null) {
      tx.undoLog.push(undo);
    }
  }

  /**
   * Runs {@code action} after the current transaction commits, once per {@code key} however often
   * it is registered; outside a transaction, now.
   */
  void afterCommitOnce(String key, Runnable action) {
    MemoryTransaction tx = current.get();
    if (tx == null) {
      action.run();
    } else if (tx.onceKeys.add(key)) {
      tx.afterCommit(action);
    }
  }

  private static final class MemoryTransaction implements Transaction {
    private final Deque<Runnable> undoLog = new ArrayDeque<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Set<String> onceKeys = new HashSet<>();
    private boolean rollbackOnly;

    @Override
    public void setRollbackOnly() {
      rollbackOnly = true;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    private void undo() {
      while (!undoLog.isEmpty()) {
        undoLog.pop().run();
      }
      afterCommit.clear();
    }
  }
}
