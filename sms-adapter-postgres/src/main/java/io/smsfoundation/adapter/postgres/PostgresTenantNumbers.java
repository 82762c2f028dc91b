package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantNumbers;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TenantNumbers} over {@code sms_tenant_phone_numbers} (one row per tenant and number,
 * {@code last_used_at} only moves forward) and {@code sms_tenant_languages}. Thread-safe.
 */
public final class PostgresTenantNumbers implements TenantNumbers {

  private final PostgresUnitOfWork unitOfWork;

  public PostgresTenantNumbers(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public void recordUse(String tenantId, String canonicalNumber, Instant at) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(canonicalNumber, "canonicalNumber");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(TenantDao::new, dao -> dao.recordUse(tenantId, canonicalNumber, at));
  }

  @Override
  public void recordFromDirectory(String tenantId, List<String> canonicalNumbers, Instant at) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(canonicalNumbers, "canonicalNumbers");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(
        TenantDao::new,
        dao -> {
          dao.recordFromDirectory(tenantId, List.copyOf(canonicalNumbers), at);
          return null;
        });
  }

  @Override
  public void forget(String tenantId, String canonicalNumber) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(canonicalNumber, "canonicalNumber");
    unitOfWork.withDao(TenantDao::new, dao -> dao.forget(tenantId, canonicalNumber));
  }

  @Override
  public List<String> numbersOf(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    return unitOfWork.withDao(TenantDao::new, dao -> dao.numbersOf(tenantId));
  }

  @Override
  public Optional<LanguageDetection> languageOf(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    return unitOfWork
        .withDao(TenantDao::new, dao -> dao.languageOf(tenantId))
        .map(
            row ->
                new LanguageDetection(
                    Language.fromCode(row.language()),
                    row.confidence() == null ? 0.0 : row.confidence().doubleValue()));
  }

  @Override
  public void saveLanguage(String tenantId, LanguageDetection language, Instant at) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(at, "at");
    unitOfWork.withDao(
        TenantDao::new,
        dao -> {
          dao.saveLanguage(tenantId, language.language().code(), Numbers.confidence(language), at);
          return null;
        });
  }
}
