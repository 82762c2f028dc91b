package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected counts are worked out by hand: GSM-7 holds 160 septets in one segment and 153 in each
 * segment of a longer message, UCS-2 holds 70 and 67 UTF-16 code units.
 */
class SegmentsTest {

  @Test
  void an_empty_body_is_one_gsm_segment() {
    assertThat(Segments.of("")).isEqualTo(new Segments(MessageEncoding.GSM_7, 0, 1));
  }

  @ParameterizedTest(name = "[{index}] {0} septets -> {1} segments")
  @CsvSource({
    "1, 1",
    "159, 1",
    "160, 1",
    "161, 2",
    "305, 2",
    "306, 2", // 2 x 153
    "307, 3",
    "459, 3", // 3 x 153
    "460, 4",
    "1600, 11" // 10 x 153 = 1530, the rest in an 11th
  })
  void plain_gsm_text_takes_160_septets_alone_and_153_per_concatenated_segment(
      int length, int segments) {
    Segments counted = Segments.of("a".repeat(length));

    assertThat(counted.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(counted.units()).isEqualTo(length);
    assertThat(counted.count()).isEqualTo(segments);
  }

  @ParameterizedTest
  @ValueSource(strings = {"€", "[", "]", "{", "}", "~", "^", "|", "\\", "\f"})
  void extension_characters_take_two_septets(String extension) {
    Segments counted = Segments.of("ab" + extension);

    assertThat(counted.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(counted.units()).isEqualTo(4);
  }

  @Test
  void eighty_euro_signs_fill_one_segment_and_eighty_one_need_two() {
    assertThat(Segments.of("€".repeat(80))).isEqualTo(new Segments(MessageEncoding.GSM_7, 160, 1));
    assertThat(Segments.of("€".repeat(81))).isEqualTo(new Segments(MessageEncoding.GSM_7, 162, 2));
  }

  @Test
  void an_extension_character_that_tips_a_single_segment_over_160_makes_two() {
    assertThat(Segments.of("a".repeat(158) + "€").count()).isEqualTo(1); // 160 septets
    assertThat(Segments.of("a".repeat(159) + "€").count()).isEqualTo(2); // 161 septets
  }

  @Test
  void an_escape_pair_is_never_split_across_a_segment_boundary() {
    // 152 + 2 + 152 = 306 septets, which would fit two segments of 153 if the pair could be
    // split; it cannot, so the euro opens the second segment (2 + 151) and one 'a' spills over.
    Segments counted = Segments.of("a".repeat(152) + "€" + "a".repeat(152));

    assertThat(counted.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(counted.units()).isEqualTo(306);
    assertThat(counted.count()).isEqualTo(3);
  }

  @Test
  void an_escape_pair_that_ends_exactly_on_the_boundary_stays_in_its_segment() {
    // 151 + 2 = 153 fills the first segment exactly; 153 more fill the second
    Segments counted = Segments.of("a".repeat(151) + "€" + "a".repeat(153));

    assertThat(counted.units()).isEqualTo(306);
    assertThat(counted.count()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ç", "ñ", "Ñ", "é", "è", "ü", "à", "ß", "Ø", "Å", "Δ", "Ω", "¿", "¡", "£", "¥", "§", "@",
        "_", "\n", "\r"
      })
  void characters_of_the_basic_gsm_alphabet_keep_gsm_7(String character) {
    Segments counted = Segments.of("Hola " + character);

    assertThat(counted.encoding()).isEqualTo(MessageEncoding.GSM_7);
    assertThat(counted.units()).isEqualTo(6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ç", "á", "í", "ó", "ú", "ã", "õ", "ê", "â", "Á", "€€ ç", "“", "’", "😀"})
  void one_character_outside_gsm_switches_the_body_to_ucs_2(String text) {
    assertThat(Segments.of("Hello " + text).encoding()).isEqualTo(MessageEncoding.UCS_2);
  }

  // 134 = 2 x 67 and 201 = 3 x 67 are the last lengths before another segment
  @ParameterizedTest(name = "[{index}] {0} code units -> {1} segments")
  @CsvSource({"1, 1", "70, 1", "71, 2", "133, 2", "134, 2", "135, 3", "201, 3", "202, 4"})
  void ucs_2_text_takes_70_units_alone_and_67_per_concatenated_segment(int length, int segments) {
    Segments counted = Segments.of("á" + "a".repeat(length - 1));

    assertThat(counted.encoding()).isEqualTo(MessageEncoding.UCS_2);
    assertThat(counted.units()).isEqualTo(length);
    assertThat(counted.count()).isEqualTo(segments);
  }

  @Test
  void extension_characters_take_one_unit_in_ucs_2() {
    assertThat(Segments.of("á€[")).isEqualTo(new Segments(MessageEncoding.UCS_2, 3, 1));
  }

  @Test
  void an_emoji_takes_two_code_units() {
    assertThat(Segments.of("😀")).isEqualTo(new Segments(MessageEncoding.UCS_2, 2, 1));
    assertThat(Segments.of("😀".repeat(35))).isEqualTo(new Segments(MessageEncoding.UCS_2, 70, 1));
    assertThat(Segments.of("😀".repeat(36))).isEqualTo(new Segments(MessageEncoding.UCS_2, 72, 2));
  }

  @Test
  void a_surrogate_pair_is_never_split_across_a_segment_boundary() {
    // 66 + 2 + 66 = 134 units, two segments of 67 if the pair could be split; it cannot, so the
    // emoji opens the second segment (2 + 65) and one 'a' spills into a third.
    Segments counted = Segments.of("á" + "a".repeat(65) + "😀" + "a".repeat(66));

    assertThat(counted.units()).isEqualTo(134);
    assertThat(counted.count()).isEqualTo(3);
  }

  @Test
  void a_surrogate_pair_that_ends_exactly_on_the_boundary_stays_in_its_segment() {
    // 65 + 2 = 67 fills the first segment; 67 more fill the second
    Segments counted = Segments.of("á" + "a".repeat(64) + "😀" + "a".repeat(67));

    assertThat(counted.units()).isEqualTo(134);
    assertThat(counted.count()).isEqualTo(2);
  }

  @Test
  void thirty_four_emoji_and_two_letters_fill_one_ucs_2_segment() {
    assertThat(Segments.of("ok" + "😀".repeat(34)).count()).isEqualTo(1);
    assertThat(Segments.of("ok!" + "😀".repeat(34)).count()).isEqualTo(2);
  }

  @Test
  void a_missing_body_is_a_programming_error() {
    assertThatNullPointerException().isThrownBy(() -> Segments.of(null));
  }
}
