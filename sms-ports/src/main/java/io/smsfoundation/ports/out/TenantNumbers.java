package io.smsfoundation.ports.out;

import io.smsfoundation.domain.language.LanguageDetection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the service remembers about tenants: the numbers they used and their language. */
public interface TenantNumbers {

  /** Records that {@code tenantId} used {@code canonicalNumber} at {@code at}. */
  void recordUse(String tenantId, String canonicalNumber, Instant at);

  /**
   * Records numbers the directory gave for a tenant (source {@code directory}), most preferred
   * first: numbers the tenant already has keep their history; new ones are listed by {@link
   * #numbersOf} in the given order, after the numbers that were really used.
   */
  void recordFromDirectory(String tenantId, List<String> canonicalNumbers, Instant at);

  /**
   * Forgets that the tenant has this number (it went to someone else), so that sends to the tenant
   * no longer pick it; unknown pairs change nothing.
   */
  void forget(String tenantId, String canonicalNumber);

  /** The tenant's numbers, most recently used first. */
  List<String> numbersOf(String tenantId);

  Optional<LanguageDetection> languageOf(String tenantId);

  void saveLanguage(String tenantId, LanguageDetection language, Instant at);
}
