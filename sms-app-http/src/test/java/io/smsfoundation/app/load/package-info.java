/**
 * Load generators run by hand against a running service (scripts/load); not tests, never part of
 * the build's verification.
 */
package io.smsfoundation.app.load;
