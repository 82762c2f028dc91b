package io.smsfoundation.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  private final PhoneNumbers us = PhoneNumbers.forUnitedStates();

  @Nested
  class Classify {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "(201) 555-0123       | +12015550123",
          "201.555.0123         | +12015550123",
          "201-555-0123         | +12015550123",
          "2015550123           | +12015550123",
          "+1 201 555 0123      | +12015550123",
          "12015550123          | +12015550123",
          "+12015550123         | +12015550123",
          "1 (201) 555-0123     | +12015550123",
          "+44 7911 123456      | +447911123456",
          "+44 (0) 7911 123456  | +447911123456",
          "011 44 7911 123456   | +447911123456",
          "+55 11 91234-5678    | +5511912345678",
          "+52 55 1234 5678     | +525512345678",
          "+52 33 1234 5678     | +523312345678"
        })
    void phone_numbers_normalize_to_e164_with_the_us_as_default_region(String raw, String e164) {
      Address address = us.classify(raw);

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.E164);
      assertThat(address.isPhoneNumber()).isTrue();
      assertThat(address.canonical()).isEqualTo(e164);
    }

    @Test
    void the_original_text_is_kept_exactly_as_it_came() {
      Address address = us.classify("  (201) 555-0123 ");

      assertThat(address.canonical()).isEqualTo("+12015550123");
      assertThat(address.original()).isEqualTo("  (201) 555-0123 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "898211", "22395", "911"})
    void digit_strings_too_short_for_a_subscriber_are_short_codes_keyed_by_their_text(String raw) {
      Address address = us.classify(raw);

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.SHORT_CODE);
      assertThat(address.isPhoneNumber()).isFalse();
      assertThat(address.canonical()).isEqualTo(raw);
      assertThat(address.original()).isEqualTo(raw);
    }

    @Test
    void a_short_code_key_is_trimmed_but_its_original_is_not() {
      Address address = us.classify(" 12345\n");

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.SHORT_CODE);
      assertThat(address.canonical()).isEqualTo("12345");
      assertThat(address.original()).isEqualTo(" 12345\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERIZON", "AT&T Free Msg", "T-Mobile", "Google", "BankAlert"})
    void alphanumeric_sender_ids_are_kept_as_such(String raw) {
      Address address = us.classify(raw);

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.ALPHANUMERIC);
      assertThat(address.canonical()).isEqualTo(raw);
    }

    @ParameterizedTest
    @MethodSource("io.smsfoundation.domain.phone.PhoneNumbersTest#junk")
    void junk_senders_never_throw_and_become_unparsed_addresses(String raw) {
      Address address = us.classify(raw);

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.UNPARSED);
      assertThat(address.isPhoneNumber()).isFalse();
      assertThat(address.canonical()).isNotBlank().doesNotStartWith(" ");
      assertThat(address.canonical().length()).isLessThanOrEqualTo(64);
      assertThat(address.original()).isEqualTo(raw);
    }

    @ParameterizedTest
    @MethodSource("io.smsfoundation.domain.phone.PhoneNumbersTest#junk")
    void junk_senders_have_lookup_variants_without_throwing(String raw) {
      assertThatCode(() -> us.lookupVariants(raw)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void a_missing_sender_is_rejected(String raw) {
      assertThatThrownBy(() -> us.classify(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void long_junk_is_keyed_by_a_bounded_key() {
      Address address = us.classify("x".repeat(5_000));

      assertThat(address.canonical()).hasSize(64).startsWith("xxxxxxxx");
      assertThat(address.original()).hasSize(5_000);
    }

    @Test
    void a_long_junk_key_is_the_same_for_the_same_text() {
      String junk = "hello world!! ".repeat(400);

      assertThat(us.classify(junk).canonical())
          .isEqualTo(us.classify(new String(junk.toCharArray())).canonical());
    }

    @Test
    void long_junk_that_differs_only_after_the_cut_gets_different_keys() {
      String common = "z".repeat(4_999);

      String first = us.classify(common + "a").canonical();
      String second = us.classify(common + "b").canonical();

      assertThat(first).hasSize(64);
      assertThat(second).hasSize(64);
      assertThat(first).isNotEqualTo(second);
    }

    @Test
    void long_digit_junk_is_bounded_too() {
      Address address = us.classify("9".repeat(5_000));

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.UNPARSED);
      assertThat(address.canonical()).hasSize(64);
    }

    @Test
    void a_long_emoji_key_is_not_cut_inside_a_surrogate_pair() {
      String key = us.classify("😀".repeat(100)).canonical();

      assertThat(key.length()).isLessThanOrEqualTo(64);
      // a lone surrogate would not survive a round trip through UTF-8 (it becomes '?')
      assertThat(new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .isEqualTo(key);
    }

    @Test
    void a_number_longer_than_e164_allows_is_not_an_e164_address() {
      // libphonenumber accepts German numbers of up to 17 digits; E.164 stops at 15
      Address address = us.classify("+49 5049 99660482418");

      assertThat(address.kind()).isNotEqualTo(PhoneNumberKind.E164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"555-0123", "(555) 0123", "+1 555 0123"})
    void a_local_number_without_area_code_is_not_an_e164_address(String raw) {
      // it has no area code, so it names no reachable subscriber: "+15550123" would be invented
      Address address = us.classify(raw);

      assertThat(address.kind()).isEqualTo(PhoneNumberKind.UNPARSED);
      assertThat(address.canonical()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello\n2015550123", "call me\n+1 201 555 0123"})
    void text_with_letters_on_another_line_is_not_a_phone_number(String raw) {
      assertThat(us.classify(raw).kind()).isEqualTo(PhoneNumberKind.UNPARSED);
    }

    @Test
    void every_e164_address_can_become_a_phone_number() {
      Stream.of("(201) 555-0123", "+44 7911 123456", "+55 11 91234-5678", "+52 55 1234 5678")
          .map(us::classify)
          .forEach(
              address ->
                  assertThat(new PhoneNumber(address.canonical()).e164())
                      .isEqualTo(address.canonical()));
    }
  }

  @Nested
  class ParseValid {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "(201) 555-0123      | +12015550123",
          "+1 650 253 0000     | +16502530000",
          "202-456-1111        | +12024561111",
          "+44 20 7946 0018    | +442079460018",
          "+44 7911 123456     | +447911123456",
          "+55 11 91234-5678   | +5511912345678",
          "+55 21 2345-6789    | +552123456789",
          "+52 55 1234 5678    | +525512345678"
        })
    void real_numbers_are_valid_destinations(String raw, String e164) {
      assertThat(us.parseValid(raw)).map(PhoneNumber::e164).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(201) 555-0100", "(201) 555-0199", "+1 212 555 0123"})
    void the_555_01xx_range_is_valid_because_libphonenumber_does_not_know_it_is_fictional(
        String raw) {
      assertThat(us.parseValid(raw)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "201555012", // nine digits
          "+1 201 555 01234", // eleven national digits
          "+120155501",
          "555-0123", // local only, no area code
          "+1 555 0123",
          "12345", // a short code is not a destination
          "+44 7911 12345", // one digit short
          "+55 11 1234", // too short for Brazil
          "000-000-0000",
          "+1 000 555 0123", // area codes never start with 0
          "+",
          "0",
          "123456789012345678901"
        })
    void too_short_too_long_or_impossible_numbers_are_rejected(String raw) {
      assertThat(us.parseValid(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1-800-FLOWERS",
          "VERIZON",
          "201-555-0123 x5",
          "201-555-0123 ext. 5",
          "hello\n2015550123",
          "+1 201 555 0123\nX"
        })
    void text_with_letters_is_rejected(String raw) {
      assertThat(us.parseValid(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void a_missing_destination_is_rejected_without_throwing(String raw) {
      assertThat(us.parseValid(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+49 5049 99660482418", "+4953546948714763"})
    void a_number_longer_than_e164_allows_is_rejected_without_throwing(String raw) {
      assertThat(us.parseValid(raw)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.smsfoundation.domain.phone.PhoneNumbersTest#junk")
    void junk_is_rejected_without_throwing(String raw) {
      assertThat(us.parseValid(raw)).isEmpty();
    }
  }

  @Nested
  class LookupVariants {

    @Test
    void a_formatted_us_number_gives_raw_e164_national_and_digits_in_that_order() {
      assertThat(us.lookupVariants("(201) 555-0123"))
          .containsExactly("(201) 555-0123", "+12015550123", "2015550123", "12015550123");
    }

    @Test
    void an_e164_input_appears_once_because_raw_and_e164_are_the_same() {
      assertThat(us.lookupVariants("+12015550123"))
          .containsExactly("+12015550123", "2015550123", "12015550123");
    }

    @Test
    void the_raw_variant_is_trimmed() {
      assertThat(us.lookupVariants("  +12015550123\n"))
          .containsExactly("+12015550123", "2015550123", "12015550123");
    }

    @Test
    void a_digits_only_input_appears_once() {
      assertThat(us.lookupVariants("12015550123"))
          .containsExactly("12015550123", "+12015550123", "2015550123");
    }

    @Test
    void a_national_input_appears_once() {
      assertThat(us.lookupVariants("2015550123"))
          .containsExactly("2015550123", "+12015550123", "12015550123");
    }

    @Test
    void a_uk_number_strips_its_own_country_code() {
      assertThat(us.lookupVariants("+44 7911 123456"))
          .containsExactly("+44 7911 123456", "+447911123456", "7911123456", "447911123456");
    }

    @Test
    void a_brazilian_number_strips_its_own_country_code() {
      assertThat(us.lookupVariants("+55 11 91234-5678"))
          .containsExactly("+55 11 91234-5678", "+5511912345678", "11912345678", "5511912345678");
    }

    @Test
    void a_short_code_is_its_only_variant() {
      assertThat(us.lookupVariants("12345")).containsExactly("12345");
    }

    @Test
    void an_alphanumeric_sender_id_is_its_only_variant() {
      assertThat(us.lookupVariants("VERIZON")).containsExactly("VERIZON");
    }

    @Test
    void junk_with_digits_gives_the_raw_text_and_its_digits() {
      assertThat(us.lookupVariants("tel:+1-201-555-0123"))
          .containsExactly("tel:+1-201-555-0123", "12015550123");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"(201) 555-0123", "+12015550123", "+44 7911 123456", "12345", "VERIZON", "+"})
    void variants_are_distinct(String raw) {
      assertThat(us.lookupVariants(raw)).doesNotHaveDuplicates().isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void blank_text_has_no_variants(String raw) {
      assertThat(us.lookupVariants(raw)).isEmpty();
    }

    @Test
    void null_text_is_a_programming_error() {
      assertThatNullPointerException().isThrownBy(() -> us.lookupVariants(null));
    }
  }

  @Nested
  class DefaultRegion {

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\" -> {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "BR | (11) 91234-5678  | +5511912345678",
          "BR | 11 91234-5678    | +5511912345678",
          "MX | 55 1234 5678     | +525512345678",
          "MX | (201) 555-0123   | +522015550123",
          "US | 55 1234 5678     | +15512345678",
          "GB | 07911 123456     | +447911123456"
        })
    void national_numbers_parse_in_the_default_region(String region, String raw, String e164) {
      assertThat(new PhoneNumbers(region).classify(raw).canonical()).isEqualTo(e164);
    }

    @Test
    void a_brazilian_national_number_is_not_a_phone_number_in_the_us() {
      assertThat(us.classify("(11) 91234-5678").kind()).isEqualTo(PhoneNumberKind.UNPARSED);
    }

    @Test
    void numbers_with_a_country_code_do_not_depend_on_the_default_region() {
      Stream.of("US", "BR", "MX", "GB")
          .map(PhoneNumbers::new)
          .forEach(
              numbers ->
                  assertThat(numbers.classify("+1 201 555 0123").canonical())
                      .isEqualTo("+12015550123"));
    }

    @Test
    void the_national_variant_follows_the_default_region() {
      assertThat(new PhoneNumbers("BR").lookupVariants("(11) 91234-5678"))
          .containsExactly("(11) 91234-5678", "+5511912345678", "11912345678", "5511912345678");
    }

    @Test
    void the_region_code_is_case_insensitive() {
      assertThat(new PhoneNumbers(" br ").defaultRegion()).isEqualTo("BR");
    }

    @Test
    void the_united_states_are_the_default() {
      assertThat(PhoneNumbers.forUnitedStates().defaultRegion()).isEqualTo("US");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "ZZ", "USA", "", "001"})
    void an_unknown_region_is_rejected(String region) {
      assertThatThrownBy(() -> new PhoneNumbers(region))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_region_is_rejected() {
      assertThatNullPointerException().isThrownBy(() -> new PhoneNumbers(null));
    }
  }

  @Nested
  class GeneratedInput {

    private static final String PHONE_LIKE = "0123456789+()- .#*xX/\n";

    @ParameterizedTest
    @ValueSource(strings = {"US", "BR", "MX", "DE", "GB", "IT"})
    void phone_like_text_never_throws_and_every_e164_address_is_a_valid_phone_number(
        String region) {
      PhoneNumbers numbers = new PhoneNumbers(region);
      Random random = new Random(20_261_120L + region.hashCode());

      for (int i = 0; i < 1_000; i++) {
        String raw = phoneLike(random);
        Address address = numbers.classify(raw);
        if (address.isPhoneNumber()) {
          assertThat(new PhoneNumber(address.canonical()).e164()).isEqualTo(address.canonical());
        }
        assertThat(numbers.lookupVariants(raw)).doesNotHaveDuplicates();
        assertThatCode(() -> numbers.parseValid(raw)).doesNotThrowAnyException();
      }
    }

    private static String phoneLike(Random random) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "+" : "7");
      int length = 1 + random.nextInt(24);
      for (int j = 0; j < length; j++) {
        text.append(
            random.nextInt(4) == 0
                ? PHONE_LIKE.charAt(random.nextInt(PHONE_LIKE.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      return text.toString();
    }
  }

  static Stream<Arguments> junk() {
    return Stream.of(
            "hello world!!",
            "+",
            "++",
            "+0",
            "0",
            "--",
            "()",
            "'; DROP TABLE sms_conversations; --",
            "\" OR 1=1 --",
            "😀",
            "📞📞📞 call me",
            "+1 201 555 0123;ext=5",
            "tel:+1-201-555-0123",
            "\u0000",
            "\uD83D",
            "ＡＢＣ",
            "x".repeat(5_000),
            "9".repeat(5_000),
            "+" + "1".repeat(64),
            "<script>alert(1)</script>",
            "%00%27")
        .map(raw -> Arguments.argumentSet(describe(raw), raw));
  }

  private static String describe(String raw) {
    return raw.length() > 30 ? raw.substring(0, 10) + "... (" + raw.length() + " chars)" : raw;
  }

  @Test
  void absurdly_long_sender_text_has_no_lookup_variants() {
    String junk = "9".repeat(5_000);

    assertThat(us.lookupVariants(junk)).isEmpty();
    assertThat(us.classify(junk).canonical()).hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void lookup_variants_of_a_formatted_number_agree_with_classify() {
    assertThat(us.lookupVariants(" (201) 555-0123 "))
        .containsExactly("(201) 555-0123", "+12015550123", "2015550123", "12015550123");
    assertThat(us.lookupVariants("(201) 555-0123").get(1))
        .isEqualTo(us.classify("(201) 555-0123").canonical());
  }
}
