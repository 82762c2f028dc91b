package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

  @Test
  void nul_and_unpaired_surrogates_become_the_replacement_character() {
    assertThat(StorableText.of("a\0b")).isEqualTo("a\uFFFDb");
    assertThat(StorableText.of("x\uD83Dy")).isEqualTo("x\uFFFDy");
    assertThat(StorableText.of("\uDE00 end")).isEqualTo("\uFFFD end");
    assertThat(StorableText.of("\0\0")).isEqualTo("\uFFFD\uFFFD");
  }

  @Test
  void text_that_can_be_stored_is_kept_as_the_same_instance() {
    String text = "Sí 😀 ½ \t\n";

    assertThat(StorableText.of(text)).isSameAs(text);
    assertThat(StorableText.isStorable(text)).isTrue();
    assertThat(StorableText.of(null)).isNull();
  }

  @Test
  void a_surrogate_pair_survives_next_to_a_replaced_character() {
    assertThat(StorableText.of("😀\0😀")).isEqualTo("😀\uFFFD😀");
    assertThat(StorableText.isStorable("😀\0")).isFalse();
    assertThat(StorableText.isStorable("\uD83D")).isFalse();
  }
}
