/**
 * Health reporting: cached, time-boxed probes of the service's dependencies, so that a health check
 * is cheap and never hangs on a slow one.
 */
package io.smsfoundation.app.health;
