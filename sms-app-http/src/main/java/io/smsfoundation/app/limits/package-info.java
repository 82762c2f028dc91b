/**
 * Limits that hold across every instance of the service: their state is kept in the shared
 * database, through the rate-limiter port.
 */
package io.smsfoundation.app.limits;
