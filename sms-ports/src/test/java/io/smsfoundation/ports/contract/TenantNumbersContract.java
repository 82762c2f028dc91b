package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TenantNumbers} must do. */
public abstract class TenantNumbersContract {

  protected abstract StoreFixture newFixture();

  private TenantNumbers numbers;

  @BeforeEach
  void setUpStore() {
    numbers = newFixture().tenantNumbers();
  }

  @Test
  void numbers_are_listed_most_recently_used_first() {
    numbers.recordUse("tenant-1", "+12015550101", at(0));
    numbers.recordUse("tenant-1", "+12015550102", at(10));
    numbers.recordUse("tenant-1", "+12015550101", at(20));
    numbers.recordUse("tenant-2", "+12015550103", at(30));

    assertThat(numbers.numbersOf("tenant-1")).containsExactly("+12015550101", "+12015550102");
    assertThat(numbers.numbersOf("tenant-2")).containsExactly("+12015550103");
  }

  @Test
  void an_older_use_never_moves_last_use_backwards() {
    numbers.recordUse("tenant-1", "+12015550101", at(0));
    numbers.recordUse("tenant-1", "+12015550102", at(10));
    numbers.recordUse("tenant-1", "+12015550101", at(5));

    assertThat(numbers.numbersOf("tenant-1")).containsExactly("+12015550102", "+12015550101");
  }

  @Test
  void numbers_from_the_directory_come_after_used_ones_in_the_directorys_order() {
    numbers.recordUse("tenant-1", "+12015550101", at(0));

    numbers.recordFromDirectory(
        "tenant-1", java.util.List.of("+12015550109", "+12015550101", "+12015550105"), at(50));

    assertThat(numbers.numbersOf("tenant-1"))
        .containsExactly("+12015550101", "+12015550109", "+12015550105");
    numbers.recordUse("tenant-1", "+12015550105", at(60));
    assertThat(numbers.numbersOf("tenant-1"))
        .containsExactly("+12015550105", "+12015550101", "+12015550109");
  }

  @Test
  void a_forgotten_number_is_no_longer_the_tenants() {
    numbers.recordUse("tenant-1", "+12015550101", at(0));
    numbers.recordUse("tenant-1", "+12015550102", at(10));
    numbers.recordUse("tenant-2", "+12015550102", at(20));

    numbers.forget("tenant-1", "+12015550102");
    numbers.forget("tenant-1", "+19995550000");

    assertThat(numbers.numbersOf("tenant-1")).containsExactly("+12015550101");
    assertThat(numbers.numbersOf("tenant-2")).containsExactly("+12015550102");
  }

  @Test
  void an_unknown_tenant_has_no_numbers_and_no_language() {
    assertThat(numbers.numbersOf("nobody")).isEmpty();
    assertThat(numbers.languageOf("nobody")).isEmpty();
  }

  @Test
  void the_latest_saved_language_is_kept() {
    numbers.saveLanguage("tenant-1", new LanguageDetection(Language.ES, 0.7), at(0));
    numbers.saveLanguage("tenant-1", new LanguageDetection(Language.PT, 0.95), at(1));

    assertThat(numbers.languageOf("tenant-1")).contains(new LanguageDetection(Language.PT, 0.95));
  }
}
