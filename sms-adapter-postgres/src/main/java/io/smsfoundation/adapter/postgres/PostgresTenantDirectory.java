package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TenantDirectory} over the {@code tenant_profiles} table ({@code
 * TENANT_DIRECTORY=postgres}), whose {@code phone_numbers} JSONB array may hold numbers in any
 * format.
 *
 * <p>Matching compares digits: each stored number and each lookup variant is reduced to its digits
 * without leading zeros ({@code "+1 (201) 555-0123"} and {@code "001 201 555 0123"} become {@code
 * 12015550123}, {@code "(201) 555-0123"} becomes {@code 2015550123}). One query fetches every
 * profile sharing any variant's digits, {@code sms_phone_digits(phone_numbers) && :digits}, served
 * by a GIN index on that expression; the first variant, in the caller's order, that matches a
 * profile wins (ties between tenants go to the smallest tenant id). Variants without digits
 * (alphanumeric senders) never match.
 *
 * <p>Uses its own short-lived connections, never the caller's transaction, and answers {@link
 * TenantLookup.Unavailable} instead of throwing when the database fails. Thread-safe.
 */
public final class PostgresTenantDirectory implements TenantDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTenantDirectory.class);

  private final Jdbi jdbi;

  public PostgresTenantDirectory(PostgresUnitOfWork unitOfWork) {
    this.jdbi = Objects.requireNonNull(unitOfWork, "unitOfWork").jdbi();
  }

  @Override
  public TenantLookup lookup(List<String> variants) {
    Objects.requireNonNull(variants, "variants");
    Set<String> digits = new LinkedHashSet<>();
    for (String variant : variants) {
      String comparable = comparable(variant);
      if (!comparable.isEmpty()) {
        digits.add(comparable);
      }
    }
    if (digits.isEmpty()) {
      return new TenantLookup.NotFound(0);
    }
    List<TenantProfileDao.ProfileRow> rows;
    try {
      rows =
          jdbi.withHandle(
              handle -> new TenantProfileDao(handle).findByDigits(digits.toArray(String[]::new)));
    } catch (JdbiException e) {
      LOG.warn("tenant lookup failed: the tenant_profiles table is unavailable", e);
      return new TenantLookup.Unavailable("database unavailable", 1);
    }
    for (String variant : variants) {
      String comparable = comparable(variant);
      if (comparable.isEmpty()) {
        continue;
      }
      for (TenantProfileDao.ProfileRow row : rows) {
        List<String> numbers = Json.toStrings(row.phoneNumbers());
        if (numbers.stream().anyMatch(number -> comparable(number).equals(comparable))) {
          return new TenantLookup.Found(
              new TenantProfile(
                  row.tenantId(), numbers, Language.fromCode(row.languagePreference())),
              variant,
              1);
        }
      }
    }
    return new TenantLookup.NotFound(1);
  }

  @Override
  public TenantLookup tenantById(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    Optional<TenantProfileDao.ProfileRow> row;
    try {
      row = jdbi.withHandle(handle -> new TenantProfileDao(handle).findById(tenantId));
    } catch (JdbiException e) {
      LOG.warn("tenant read failed: the tenant_profiles table is unavailable", e);
      return new TenantLookup.Unavailable("database unavailable", 1);
    }
    return row.<TenantLookup>map(
            r ->
                new TenantLookup.Found(
                    new TenantProfile(
                        r.tenantId(),
                        Json.toStrings(r.phoneNumbers()),
                        Language.fromCode(r.languagePreference())),
                    tenantId,
                    1))
        .orElseGet(() -> new TenantLookup.NotFound(1));
  }

  @Override
  public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(language, "language");
    if (!language.isKnown()) {
      return LanguageUpdate.REJECTED;
    }
    try {
      int updated =
          jdbi.withHandle(
              handle ->
                  new TenantProfileDao(handle)
                      .updateLanguage(tenantId, language.language().code()));
      return updated > 0 ? LanguageUpdate.UPDATED : LanguageUpdate.REJECTED;
    } catch (JdbiException e) {
      LOG.warn("tenant language update failed: the tenant_profiles table is unavailable", e);
      return LanguageUpdate.UNAVAILABLE;
    }
  }

  /** Creates or replaces a tenant's profile, for seeding the table (local mode, tests, imports). */
  public void save(TenantProfile tenant) {
    Objects.requireNonNull(tenant, "tenant");
    jdbi.useHandle(
        handle ->
            new TenantProfileDao(handle)
                .save(
                    tenant.tenantId(),
                    Json.ofStrings(tenant.phoneNumbers()),
                    tenant.languagePreference() == Language.UNKNOWN
                        ? null
                        : tenant.languagePreference().code()));
  }

  /** The same reduction as the SQL function {@code sms_phone_digits}. */
  static String comparable(String number) {
    if (number == null) {
      return "";
    }
    StringBuilder digits = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9' && !(c == '0' && digits.isEmpty())) {
        digits.append(c);
      }
    }
    return digits.toString();
  }
}
