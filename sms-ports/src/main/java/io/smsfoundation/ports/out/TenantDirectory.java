package io.smsfoundation.ports.out;

import io.smsfoundation.domain.language.LanguageDetection;
import java.util.List;

/**
 * The system of record for tenants (the Collections Monitor API, a table, or none at all).
 * Implementations are thread-safe and never throw for an unavailable directory: they say so.
 */
public interface TenantDirectory {

  /**
   * Asks for each variant in order and stops at the first that matches.
   *
   * @param variants the ordered, distinct lookup variants of one phone number
   */
  TenantLookup lookup(List<String> variants);

  /**
   * The tenant with this id, with its phone numbers: {@link TenantLookup.Found} (its {@code
   * matchedVariant} is the tenant id), {@link TenantLookup.NotFound} for an unknown tenant, or
   * {@link TenantLookup.Unavailable}.
   */
  TenantLookup tenantById(String tenantId);

  /**
   * Forgets whatever is kept about these lookup variants (a caching directory drops its answers for
   * any of them); a directory that keeps nothing does nothing.
   */
  default void forget(List<String> variants) {}

  /**
   * Whether this directory can know any tenant at all. A service without one skips tenant-link jobs
   * and reconciliation, which would otherwise ask "nobody" about every unknown sender.
   */
  default boolean knowsTenants() {
    return true;
  }

  /** Sets the tenant's preferred language; idempotent. */
  LanguageUpdate updateLanguage(String tenantId, LanguageDetection language);

  /** The outcome of a language update. */
  enum LanguageUpdate {
    UPDATED,
    /** The directory refused it for good (unknown tenant, bad request): do not retry. */
    REJECTED,
    /** Try again later. */
    UNAVAILABLE
  }

  /** A directory that knows no tenant, for deployments without one. */
  static TenantDirectory none() {
    return new TenantDirectory() {
      @Override
      public TenantLookup lookup(List<String> variants) {
        return new TenantLookup.NotFound(0);
      }

      @Override
      public TenantLookup tenantById(String tenantId) {
        return new TenantLookup.NotFound(0);
      }

      @Override
      public boolean knowsTenants() {
        return false;
      }

      @Override
      public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
        return LanguageUpdate.REJECTED;
      }
    };
  }
}
