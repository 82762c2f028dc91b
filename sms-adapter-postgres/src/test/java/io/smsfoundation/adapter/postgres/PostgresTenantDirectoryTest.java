package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.out.TenantDirectory.LanguageUpdate;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresTenantDirectoryTest {

  private static final PhoneNumbers PHONES = PhoneNumbers.forUnitedStates();

  private static PostgresTestDatabase.Schema schema;
  private static PostgresAdapters adapters;

  @BeforeAll
  static void createSchema() {
    schema = PostgresTestDatabase.createSchema();
    adapters = PostgresAdapters.create(schema.dataSource());
  }

  @AfterAll
  static void dropSchema() {
    schema.close();
  }

  @BeforeEach
  void emptyTables() {
    schema.truncateAll();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+12015550123",
        "+1 (201) 555-0123",
        "1-201-555-0123",
        "(201) 555-0123",
        "201.555.0123",
        "2015550123",
        "001 201 555 0123"
      })
  void a_number_stored_in_any_format_is_found_by_the_variants_of_an_inbound_sender(String stored) {
    adapters
        .tenantDirectory()
        .save(new TenantProfile("tenant-1", List.of("n/a", stored), Language.ES));

    TenantLookup lookup = adapters.tenantDirectory().lookup(PHONES.lookupVariants("+12015550123"));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("tenant-1");
              assertThat(found.tenant().phoneNumbers()).containsExactly("n/a", stored);
              assertThat(found.tenant().languagePreference()).isEqualTo(Language.ES);
            });
  }

  @Test
  void the_first_variant_in_order_decides_between_two_tenants() {
    adapters
        .tenantDirectory()
        .save(new TenantProfile("national", List.of("2015550123"), Language.UNKNOWN));
    adapters
        .tenantDirectory()
        .save(new TenantProfile("international", List.of("+1 201 555 0123"), Language.UNKNOWN));

    TenantLookup lookup = adapters.tenantDirectory().lookup(List.of("2015550123", "+12015550123"));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("national");
              assertThat(found.matchedVariant()).isEqualTo("2015550123");
            });
  }

  @Test
  void an_alphanumeric_sender_never_matches() {
    adapters
        .tenantDirectory()
        .save(new TenantProfile("tenant-1", List.of("VERIZON", ""), Language.UNKNOWN));

    assertThat(adapters.tenantDirectory().lookup(List.of("VERIZON")))
        .isEqualTo(new TenantLookup.NotFound(0));
  }

  @Test
  void lookup_is_served_by_the_gin_index() {
    schema.execute(
        "insert into tenant_profiles (tenant_id, phone_numbers)"
            + " select 't-' || k, jsonb_build_array('+1 (302) ' || lpad(k::text, 7, '0'))"
            + " from generate_series(1, 5000) as k");
    schema.execute("analyze tenant_profiles");

    List<String> plan =
        adapters
            .unitOfWork()
            .withHandle(
                h ->
                    h.createQuery(
                            "explain (costs off) select tenant_id from tenant_profiles"
                                + " where sms_phone_digits(phone_numbers)"
                                + " && cast(:digits as text[])")
                        .bind("digits", new String[] {"13020000042", "3020000042"})
                        .mapTo(String.class)
                        .list());

    assertThat(String.join("\n", plan))
        .contains("tenant_profiles_phone_digits_idx")
        .doesNotContain("Seq Scan");
    assertThat(adapters.tenantDirectory().lookup(PHONES.lookupVariants("+13020000042")))
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> assertThat(found.tenant().tenantId()).isEqualTo("t-42"));
  }

  @Test
  void language_update_of_an_unknown_tenant_is_rejected() {
    assertThat(
            adapters
                .tenantDirectory()
                .updateLanguage("nobody", new LanguageDetection(Language.ES, 0.9)))
        .isEqualTo(LanguageUpdate.REJECTED);
  }

  @Test
  void a_database_that_cannot_be_reached_makes_the_directory_unavailable_not_failing() {
    HikariDataSource pool = schema.newDataSource(1);
    PostgresAdapters cutOff = PostgresAdapters.create(pool);
    pool.close();

    assertThat(cutOff.tenantDirectory().lookup(List.of("+12015550123")))
        .isInstanceOf(TenantLookup.Unavailable.class);
    assertThat(cutOff.tenantDirectory().updateLanguage("t", new LanguageDetection(Language.ES, 1)))
        .isEqualTo(LanguageUpdate.UNAVAILABLE);
  }

  @Test
  void comparable_form_is_the_digits_without_leading_zeros() {
    assertThat(PostgresTenantDirectory.comparable("+1 (201) 555-0123")).isEqualTo("12015550123");
    assertThat(PostgresTenantDirectory.comparable("00351 912 345 678")).isEqualTo("351912345678");
    assertThat(PostgresTenantDirectory.comparable("VERIZON")).isEmpty();
    assertThat(PostgresTenantDirectory.comparable(null)).isEmpty();
  }
}
