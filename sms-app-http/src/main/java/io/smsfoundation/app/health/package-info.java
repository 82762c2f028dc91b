/**
 * Health reporting: probes of the service's dependencies that run in the background on a schedule,
 * and the report built from their latest results, so that a health request is cheap and never waits
 * for a slow dependency.
 */
package io.smsfoundation.app.health;
