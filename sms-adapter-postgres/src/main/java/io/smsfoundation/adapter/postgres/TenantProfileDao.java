package io.smsfoundation.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of {@code tenant_profiles}, on one handle. */
final class TenantProfileDao {

  /** A profile as stored; {@code phoneNumbers} is the JSON array's text. */
  record ProfileRow(String tenantId, String phoneNumbers, String languagePreference) {
    static ProfileRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new ProfileRow(
          rs.getString("tenant_id"),
          rs.getString("phone_numbers"),
          rs.getString("language_preference"));
    }
  }

  private final Handle handle;

  TenantProfileDao(Handle handle) {
    this.handle = handle;
  }

  /** Served by the GIN index {@code tenant_profiles_phone_digits_idx}. */
  List<ProfileRow> findByDigits(String[] digits) {
    return handle
        .createQuery(
            "select tenant_id, phone_numbers, language_preference from tenant_profiles"
                + " where sms_phone_digits(phone_numbers) && cast(:digits as text[])"
                + " order by tenant_id")
        .bind("digits", digits)
        .map(ProfileRow::map)
        .list();
  }

  Optional<ProfileRow> findById(String tenantId) {
    return handle
        .createQuery(
            "select tenant_id, phone_numbers, language_preference from tenant_profiles"
                + " where tenant_id = :tenantId")
        .bind("tenantId", tenantId)
        .map(ProfileRow::map)
        .findOne();
  }

  int save(String tenantId, String phoneNumbers, String languagePreference) {
    return handle
        .createUpdate(
            "insert into tenant_profiles (tenant_id, phone_numbers, language_preference)"
                + " values (:tenantId, cast(:phoneNumbers as jsonb), :languagePreference)"
                + " on conflict (tenant_id) do update set phone_numbers = excluded.phone_numbers,"
                + " language_preference = excluded.language_preference")
        .bind("tenantId", tenantId)
        .bind("phoneNumbers", phoneNumbers)
        .bind("languagePreference", languagePreference)
        .execute();
  }

  int updateLanguage(String tenantId, String language) {
    return handle
        .createUpdate(
            "update tenant_profiles set language_preference = :language"
                + " where tenant_id = :tenantId")
        .bind("tenantId", tenantId)
        .bind("language", language)
        .execute();
  }
}
