package io.smsfoundation.ports.out;

import io.smsfoundation.domain.conversation.TenantSource;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a conversation's tenant, as the tenant history keeps it.
 *
 * @param before the tenant id before, {@code null} for none
 * @param after the tenant id after, {@code null} for none
 */
public record TenantHistoryEntry(String before, String after, TenantSource source, Instant at) {

  public TenantHistoryEntry {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
  }
}
