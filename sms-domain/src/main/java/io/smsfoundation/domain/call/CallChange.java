package io.smsfoundation.domain.call;

import java.util.Objects;

/** What a reported status does to a call, decided by {@link Call#report(CallStatus)}. */
public sealed interface CallChange {

  /** The call's status once the change is applied. */
  CallStatus statusAfter();

  /** The status moves forward from {@code previous} to {@code next}. */
  record Moved(CallStatus previous, CallStatus next) implements CallChange {
    public Moved {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(next, "next");
    }

    @Override
    public CallStatus statusAfter() {
      return next;
    }

    /** Whether this change ends the call. */
    public boolean ends() {
      return next.isFinal();
    }
  }

  /** The report is late, repeated, backward or unknown: the call keeps {@code current}. */
  record Unchanged(CallStatus current) implements CallChange {
    public Unchanged {
      Objects.requireNonNull(current, "current");
    }

    @Override
    public CallStatus statusAfter() {
      return current;
    }
  }
}
