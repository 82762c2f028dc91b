package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSidTest {

  private static final String HEX_32 = "0123456789abcdef0123456789ABCDEF";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SM" + HEX_32,
        "MM" + HEX_32,
        "SMffffffffffffffffffffffffffffffff",
        "SM00000000000000000000000000000000"
      })
  void sms_and_mms_sids_with_32_hex_digits_are_well_formed(String value) {
    assertThat(MessageSid.isWellFormed(value)).isTrue();
    assertThat(new MessageSid(value).value()).isEqualTo(value);
    assertThat(new MessageSid(value).toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MG" + HEX_32, // messaging service
        "AC" + HEX_32, // account
        "sm" + HEX_32,
        "Sm" + HEX_32,
        "SM" + "0123456789abcdef0123456789abcde", // 31 digits
        "SM" + "0123456789abcdef0123456789abcdef0", // 33 digits
        "SM" + "0123456789abcdef0123456789abcdeg", // g is not hex
        "SM" + "0123456789abcdef-123456789abcdef",
        " SM" + HEX_32,
        "SM" + HEX_32 + " ",
        "SM",
        HEX_32,
        ""
      })
  void other_text_is_not_a_sid(String value) {
    assertThat(MessageSid.isWellFormed(value)).isFalse();
    assertThatThrownBy(() -> new MessageSid(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void null_is_not_a_sid() {
    assertThat(MessageSid.isWellFormed(null)).isFalse();
    assertThatNullPointerException().isThrownBy(() -> new MessageSid(null));
  }

  @Test
  void sids_are_equal_by_value() {
    assertThat(new MessageSid("SM" + HEX_32)).isEqualTo(new MessageSid("SM" + HEX_32));
    assertThat(new MessageSid("SM" + HEX_32)).isNotEqualTo(new MessageSid("MM" + HEX_32));
  }
}
