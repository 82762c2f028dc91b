package io.smsfoundation.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code tenant_profiles}. */
interface TenantProfileDao {

  /** A profile as stored; {@code phoneNumbers} is the JSON array's text. */
  record ProfileRow(String tenantId, String phoneNumbers, String languagePreference) {
    static ProfileRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new ProfileRow(
          rs.getString("tenant_id"),
          rs.getString("phone_numbers"),
          rs.getString("language_preference"));
    }
  }

  /** Served by the GIN index {@code tenant_profiles_phone_digits_idx}. */
  @SqlQuery(
      "select tenant_id, phone_numbers, language_preference from tenant_profiles"
          + " where sms_phone_digits(phone_numbers) && cast(:digits as text[])"
          + " order by tenant_id")
  List<ProfileRow> findByDigits(@Bind("digits") String[] digits);

  @SqlUpdate(
      "insert into tenant_profiles (tenant_id, phone_numbers, language_preference)"
          + " values (:tenantId, cast(:phoneNumbers as jsonb), :languagePreference)"
          + " on conflict (tenant_id) do update set phone_numbers = excluded.phone_numbers,"
          + " language_preference = excluded.language_preference")
  void save(
      @Bind("tenantId") String tenantId,
      @Bind("phoneNumbers") String phoneNumbers,
      @Bind("languagePreference") String languagePreference);

  @SqlUpdate(
      "update tenant_profiles set language_preference = :language where tenant_id = :tenantId")
  int updateLanguage(@Bind("tenantId") String tenantId, @Bind("language") String language);
}
