/**
 * Thread-safe in-memory adapters for every driven port, for embedders' tests and for running the
 * whole service without infrastructure. All stores built on one {@link
 * io.smsfoundation.ports.memory.InMemoryUnitOfWork} share its lock and its transactions.
 */
package io.smsfoundation.ports.memory;
