package io.smsfoundation.adapter.postgres;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL of {@code sms_tenant_phone_numbers} and {@code sms_tenant_languages}, on one handle. */
final class TenantDao {

  /** A tenant's language as stored. */
  record LanguageRow(String language, BigDecimal confidence) {
    static LanguageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new LanguageRow(rs.getString("language"), rs.getBigDecimal("confidence"));
    }
  }

  private final Handle handle;

  TenantDao(Handle handle) {
    this.handle = handle;
  }

  /** One row per tenant and number; {@code last_used_at} only moves forward. */
  int recordUse(String tenantId, String number, Instant at) {
    return handle
        .createUpdate(
            "insert into sms_tenant_phone_numbers"
                + " (tenant_id, phone_number_canonical, first_seen_at, last_used_at)"
                + " values (:tenantId, :number, :at, :at)"
                + " on conflict (tenant_id, phone_number_canonical) do update set"
                + " first_seen_at = least(sms_tenant_phone_numbers.first_seen_at,"
                + " excluded.first_seen_at),"
                + " last_used_at = greatest(sms_tenant_phone_numbers.last_used_at,"
                + " excluded.last_used_at)")
        .bind("tenantId", tenantId)
        .bind("number", number)
        .bind("at", at)
        .execute();
  }

  /**
   * Numbers the directory gave, never used: first seen now, and a {@code last_used_at} before any
   * real use (the epoch, a microsecond earlier for each next one) so that they are listed after the
   * used numbers, in the directory's order. Numbers already known are left as they are.
   */
  void recordFromDirectory(String tenantId, List<String> numbers, Instant at) {
    var batch =
        handle.prepareBatch(
            "insert into sms_tenant_phone_numbers"
                + " (tenant_id, phone_number_canonical, first_seen_at, last_used_at, source)"
                + " values (:tenantId, :number, :at, :listed, 'directory')"
                + " on conflict (tenant_id, phone_number_canonical) do nothing");
    for (int i = 0; i < numbers.size(); i++) {
      batch
          .bind("tenantId", tenantId)
          .bind("number", numbers.get(i))
          .bind("at", at)
          .bind("listed", NEVER_USED.minusNanos(1000L * i))
          .add();
    }
    if (!numbers.isEmpty()) {
      batch.execute();
    }
  }

  int forget(String tenantId, String number) {
    return handle
        .createUpdate(
            "delete from sms_tenant_phone_numbers"
                + " where tenant_id = :tenantId and phone_number_canonical = :number")
        .bind("tenantId", tenantId)
        .bind("number", number)
        .execute();
  }

  /** The {@code last_used_at} of a number that was never used. */
  static final Instant NEVER_USED = Instant.EPOCH;

  List<String> numbersOf(String tenantId) {
    return handle
        .createQuery(
            "select phone_number_canonical from sms_tenant_phone_numbers"
                + " where tenant_id = :tenantId order by last_used_at desc, phone_number_canonical")
        .bind("tenantId", tenantId)
        .map((rs, ctx) -> rs.getString(1))
        .list();
  }

  Optional<LanguageRow> languageOf(String tenantId) {
    return handle
        .createQuery("select language, confidence from sms_tenant_languages where tenant_id = :id")
        .bind("id", tenantId)
        .map(LanguageRow::map)
        .findOne();
  }

  int saveLanguage(String tenantId, String language, BigDecimal confidence, Instant at) {
    return handle
        .createUpdate(
            "insert into sms_tenant_languages (tenant_id, language, confidence, updated_at)"
                + " values (:tenantId, :language, :confidence, :at)"
                + " on conflict (tenant_id) do update set language = excluded.language,"
                + " confidence = excluded.confidence, updated_at = excluded.updated_at")
        .bind("tenantId", tenantId)
        .bind("language", language)
        .bind("confidence", confidence)
        .bind("at", at)
        .execute();
  }
}
