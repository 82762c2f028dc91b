package io.smsfoundation.ports.out;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A message's position in a conversation's newest-first order: creation time, then id. */
public record MessageKey(Instant createdAt, UUID id) {

  public MessageKey {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }
}
