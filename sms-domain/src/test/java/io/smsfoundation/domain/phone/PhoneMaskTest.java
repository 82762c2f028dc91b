package io.smsfoundation.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneMaskTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+12015550123       | ***0123",
        "+447911123456      | ***3456",
        "+5511912345678     | ***5678",
        "'  +12015550123  ' | ***0123",
        "12345              | ***2345"
      })
  void only_the_last_four_characters_are_shown(String address, String masked) {
    assertThat(PhoneMask.mask(address)).isEqualTo(masked);
  }

  @Test
  void the_rest_of_the_number_never_appears() {
    String masked = PhoneMask.mask("+12015550123");

    assertThat(masked).doesNotContain("201").doesNotContain("555").doesNotContain("+1");
    assertThat(masked.chars().filter(Character::isDigit).count()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234", "911", "+1", "a"})
  void addresses_of_four_characters_or_fewer_are_hidden_completely(String address) {
    assertThat(PhoneMask.mask(address)).isEqualTo("***");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void a_missing_address_is_a_dash(String address) {
    assertThat(PhoneMask.mask(address)).isEqualTo("-");
  }

  @Test
  void phone_numbers_and_addresses_print_masked() {
    PhoneNumber number = new PhoneNumber("+12015550123");
    Address address = new Address("+12015550123", "(201) 555-0123", PhoneNumberKind.E164);

    assertThat(number.masked()).isEqualTo("***0123");
    assertThat(number.toString()).isEqualTo("***0123");
    assertThat(address.masked()).isEqualTo("***0123");
    assertThat(address.toString()).doesNotContain("201").contains("***0123").contains("e164");
  }
}
