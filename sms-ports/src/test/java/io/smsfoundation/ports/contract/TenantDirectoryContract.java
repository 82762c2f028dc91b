package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantDirectory.LanguageUpdate;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link TenantDirectory} must do. */
public abstract class TenantDirectoryContract {

  /** A directory that knows exactly these tenants; their numbers are given in E.164. */
  protected abstract TenantDirectory directoryWith(List<TenantProfile> tenants);

  private static final TenantProfile ANA =
      new TenantProfile("tenant-ana", List.of("+12015550111"), Language.ES);
  private static final TenantProfile BIA =
      new TenantProfile("tenant-bia", List.of("+5511912345678", "+12015550122"), Language.UNKNOWN);

  @Test
  void a_known_number_finds_its_tenant_with_the_directory_language() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    TenantLookup lookup = directory.lookup(List.of("+12015550111"));

    assertThat(lookup).isInstanceOf(TenantLookup.Found.class);
    TenantLookup.Found found = (TenantLookup.Found) lookup;
    assertThat(found.tenant().tenantId()).isEqualTo("tenant-ana");
    assertThat(found.tenant().languagePreference()).isEqualTo(Language.ES);
    assertThat(found.matchedVariant()).isEqualTo("+12015550111");
    assertThat(found.attempts()).isPositive();
  }

  @Test
  void variants_are_tried_in_order_until_one_matches() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    TenantLookup lookup = directory.lookup(List.of("+19995550000", "+12015550122"));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("tenant-bia");
              assertThat(found.matchedVariant()).isEqualTo("+12015550122");
            });
  }

  @Test
  void a_number_nobody_has_is_not_found() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    assertThat(directory.lookup(List.of("+19995550000", "9995550000")))
        .isInstanceOf(TenantLookup.NotFound.class);
  }

  @Test
  void an_empty_directory_finds_nothing() {
    TenantDirectory directory = directoryWith(List.of());

    assertThat(directory.lookup(List.of("+12015550111"))).isInstanceOf(TenantLookup.NotFound.class);
  }

  @Test
  void a_tenant_is_found_by_its_id_with_all_its_numbers() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    assertThat(directory.tenantById("tenant-bia"))
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("tenant-bia");
              assertThat(found.tenant().phoneNumbers())
                  .containsExactly("+5511912345678", "+12015550122");
            });
  }

  @Test
  void an_unknown_tenant_id_is_not_found() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    assertThat(directory.tenantById("tenant-nobody")).isInstanceOf(TenantLookup.NotFound.class);
  }

  @Test
  void a_language_update_of_a_known_tenant_is_accepted_and_visible_to_lookups() {
    TenantDirectory directory = directoryWith(List.of(ANA, BIA));

    LanguageUpdate update =
        directory.updateLanguage("tenant-bia", new LanguageDetection(Language.PT, 0.93));

    assertThat(update).isEqualTo(LanguageUpdate.UPDATED);
    assertThat(directory.lookup(List.of("+5511912345678")))
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> assertThat(found.tenant().languagePreference()).isEqualTo(Language.PT));
  }
}
