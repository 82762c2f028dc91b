package io.smsfoundation.domain.message;

import java.util.Objects;

/**
 * What a reported delivery status does to a message, decided by {@link
 * Message#reportDelivery(DeliveryStatus)}.
 */
public sealed interface DeliveryChange {

  /** The message's status once the change is applied. */
  DeliveryStatus statusAfter();

  /** The status moves forward from {@code previous} to {@code next}. */
  record Moved(DeliveryStatus previous, DeliveryStatus next) implements DeliveryChange {
    public Moved {
      Objects.requireNonNull(previous, "previous");
      Objects.requireNonNull(next, "next");
    }

    @Override
    public DeliveryStatus statusAfter() {
      return next;
    }
  }

  /** The report is late, repeated, backward or unknown: the message keeps {@code current}. */
  record Unchanged(DeliveryStatus current) implements DeliveryChange {
    public Unchanged {
      Objects.requireNonNull(current, "current");
    }

    @Override
    public DeliveryStatus statusAfter() {
      return current;
    }
  }

  /**
   * The message is inbound: it has no delivery lifecycle, so the report changes nothing at all (no
   * status, no consent).
   */
  record NotOutbound(DeliveryStatus current) implements DeliveryChange {
    public NotOutbound {
      Objects.requireNonNull(current, "current");
    }

    @Override
    public DeliveryStatus statusAfter() {
      return current;
    }
  }
}
