package io.smsfoundation.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

  @Test
  void the_same_parts_give_the_same_digest() {
    assertThat(RequestFingerprint.of("+12015550123", "Your rent is due", "tenant-7"))
        .isEqualTo(RequestFingerprint.of("+12015550123", "Your rent is due", "tenant-7"));
  }

  @Test
  void the_digest_is_sha_256_in_lower_case_hex() {
    assertThat(RequestFingerprint.of("+12015550123", "hi")).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void a_different_body_gives_a_different_digest() {
    assertThat(RequestFingerprint.of("+12015550123", "Your rent is due"))
        .isNotEqualTo(RequestFingerprint.of("+12015550123", "Your rent is due!"));
  }

  @Test
  void the_order_of_the_parts_matters() {
    assertThat(RequestFingerprint.of("a", "b")).isNotEqualTo(RequestFingerprint.of("b", "a"));
  }

  @Test
  void moving_text_between_adjacent_parts_changes_the_digest() {
    assertThat(RequestFingerprint.of("ab", "c")).isNotEqualTo(RequestFingerprint.of("a", "bc"));
    assertThat(RequestFingerprint.of("abc", "")).isNotEqualTo(RequestFingerprint.of("", "abc"));
    assertThat(RequestFingerprint.of("abc")).isNotEqualTo(RequestFingerprint.of("ab", "c"));
  }

  @Test
  void a_part_that_looks_like_a_length_prefix_cannot_forge_another_split() {
    // the encoding of ("ab") starts "2:ab"; a part holding that text must not collide with it
    assertThat(RequestFingerprint.of("1:a", "b")).isNotEqualTo(RequestFingerprint.of("1", "a:b"));
    assertThat(RequestFingerprint.of("a")).isNotEqualTo(RequestFingerprint.of("1:a"));
  }

  @Test
  void a_null_part_differs_from_an_empty_one() {
    assertThat(RequestFingerprint.of("+12015550123", null))
        .isNotEqualTo(RequestFingerprint.of("+12015550123", ""));
    assertThat(RequestFingerprint.of((String) null)).isNotEqualTo(RequestFingerprint.of(""));
  }

  @Test
  void an_empty_part_differs_from_no_part() {
    assertThat(RequestFingerprint.of("a", "")).isNotEqualTo(RequestFingerprint.of("a"));
    assertThat(RequestFingerprint.of("")).isNotEqualTo(RequestFingerprint.of());
  }

  @Test
  void non_ascii_text_is_digested_as_utf_8() {
    assertThat(RequestFingerprint.of("¿Cuándo vence la renta? 😀"))
        .isEqualTo(RequestFingerprint.of("¿Cuándo vence la renta? 😀"))
        .isNotEqualTo(RequestFingerprint.of("¿Cuando vence la renta? 😀"));
  }
}
