/** Idempotency keys of sends: replay, mismatch and in-flight decisions. */
package io.smsfoundation.domain.idempotency;
