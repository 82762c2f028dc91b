package io.smsfoundation.adapter.postgres;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code sms_tenant_phone_numbers} and {@code sms_tenant_languages}. */
interface TenantDao {

  /** A tenant's language as stored. */
  record LanguageRow(String language, BigDecimal confidence) {
    static LanguageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new LanguageRow(rs.getString("language"), rs.getBigDecimal("confidence"));
    }
  }

  @SqlUpdate(
      "insert into sms_tenant_phone_numbers (tenant_id, phone_number_canonical, first_seen_at,"
          + " last_used_at) values (:tenantId, :number, :at, :at) on conflict (tenant_id,"
          + " phone_number_canonical) do update set first_seen_at ="
          + " least(sms_tenant_phone_numbers.first_seen_at, excluded.first_seen_at), last_used_at ="
          + " greatest(sms_tenant_phone_numbers.last_used_at, excluded.last_used_at)")
  void recordUse(
      @Bind("tenantId") String tenantId, @Bind("number") String number, @Bind("at") Instant at);

  @SqlQuery(
      "select phone_number_canonical from sms_tenant_phone_numbers where tenant_id = :tenantId"
          + " order by last_used_at desc, phone_number_canonical")
  List<String> numbersOf(@Bind("tenantId") String tenantId);

  @SqlQuery("select language, confidence from sms_tenant_languages where tenant_id = :tenantId")
  Optional<LanguageRow> languageOf(@Bind("tenantId") String tenantId);

  @SqlUpdate(
      "insert into sms_tenant_languages (tenant_id, language, confidence, updated_at)"
          + " values (:tenantId, :language, :confidence, :at)"
          + " on conflict (tenant_id) do update set language = excluded.language,"
          + " confidence = excluded.confidence, updated_at = excluded.updated_at")
  void saveLanguage(
      @Bind("tenantId") String tenantId,
      @Bind("language") String language,
      @Bind("confidence") BigDecimal confidence,
      @Bind("at") Instant at);
}
