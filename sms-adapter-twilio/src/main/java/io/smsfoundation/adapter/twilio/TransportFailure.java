package io.smsfoundation.adapter.twilio;

import com.twilio.exception.ApiConnectionException;

/**
 * The HTTP exchange with Twilio failed without an answer. {@link #reachedTwilio()} says whether the
 * request may have arrived: a refused or timed-out connection proves it did not, anything after the
 * connection was made (a read timeout, a reset) leaves it open.
 */
final class TransportFailure extends ApiConnectionException {

  private static final long serialVersionUID = 1L;

  private final boolean reachedTwilio;

  TransportFailure(String message, boolean reachedTwilio, Throwable cause) {
    super(message, cause);
    this.reachedTwilio = reachedTwilio;
  }

  boolean reachedTwilio() {
    return reachedTwilio;
  }
}
