package io.smsfoundation.ports.out;

import java.util.Objects;

/** The outcome of asking the tenant directory about a phone number. */
public sealed interface TenantLookup {

  /** How many requests the directory client made for this lookup, retries included. */
  int attempts();

  /** The directory knows the number. */
  record Found(TenantProfile tenant, String matchedVariant, int attempts) implements TenantLookup {
    public Found {
      Objects.requireNonNull(tenant, "tenant");
    }
  }

  /** The directory answered, definitively, that no tenant has any of the variants. */
  record NotFound(int attempts) implements TenantLookup {}

  /** The directory could not answer; ask again later. */
  record Unavailable(String reason, int attempts) implements TenantLookup {}
}
