/**
 * Metrics: the Prometheus registry with JVM, pool and service meters, and decorators of the use
 * cases and driven ports that count what happens, so that the core stays free of any metrics
 * library.
 */
package io.smsfoundation.app.metrics;
