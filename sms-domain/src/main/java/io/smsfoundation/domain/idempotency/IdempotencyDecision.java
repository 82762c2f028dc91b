package io.smsfoundation.domain.idempotency;

import java.util.Objects;

/** What to do with a request that carries an idempotency key, given what the key already holds. */
public sealed interface IdempotencyDecision {

  /** The key is new: do the work. */
  record Proceed() implements IdempotencyDecision {}

  /** Same key, same request, finished: answer with the original result. */
  record Replay() implements IdempotencyDecision {}

  /** Same key, different request: refuse. */
  record Mismatch() implements IdempotencyDecision {}

  /** Same key, same request, still being processed: refuse for now. */
  record InFlight() implements IdempotencyDecision {}

  /**
   * @param storedFingerprint fingerprint already stored under the key, {@code null} if none
   * @param fingerprint fingerprint of the request at hand
   * @param firstStillInFlight whether the request that stored the key is still being processed
   */
  static IdempotencyDecision decide(
      String storedFingerprint, String fingerprint, boolean firstStillInFlight) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (storedFingerprint == null) {
      return firstStillInFlight ? new InFlight() : new Proceed();
    }
    if (!storedFingerprint.equals(fingerprint)) {
      return new Mismatch();
    }
    return firstStillInFlight ? new InFlight() : new Replay();
  }
}
