/**
 * The use-case services: orchestration of the domain rules over the driven ports, with no I/O of
 * their own. Every service is thread-safe and logs through {@link java.lang.System.Logger}, which
 * the application routes to its logging backend.
 */
package io.smsfoundation.ports.service;
