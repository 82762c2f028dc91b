package io.smsfoundation.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawFormTest {

  @Test
  void a_repeated_name_keeps_every_value_in_arrival_order() {
    RawForm form =
        RawForm.builder().add("Tag", "b").add("Body", "hi").add("Tag", "a").add("Tag", "b").build();

    assertThat(form.values("Tag")).containsExactly("b", "a", "b");
    assertThat(form.first("Tag")).isEqualTo("b");
    assertThat(form.names()).containsExactly("Tag", "Body");
  }

  @Test
  void a_missing_name_has_no_values() {
    RawForm form = RawForm.builder().add("Body", "").build();

    assertThat(form.first("From")).isNull();
    assertThat(form.values("From")).isEmpty();
    assertThat(form.has("Body")).isTrue();
    assertThat(form.first("Body")).isEmpty();
  }

  @Test
  void the_form_cannot_be_changed_through_what_it_was_built_from() {
    Map<String, List<String>> source = new LinkedHashMap<>();
    source.put("Body", new java.util.ArrayList<>(List.of("one")));
    RawForm form = RawForm.of(source);

    source.get("Body").add("two");
    source.put("From", List.of("+1"));

    assertThat(form.values("Body")).containsExactly("one");
    assertThat(form.has("From")).isFalse();
  }

  @Test
  void a_name_without_values_is_refused() {
    assertThatThrownBy(() -> RawForm.of(Map.of("Body", List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void to_string_names_the_parameters_without_their_values() {
    RawForm form = RawForm.ofSingleValues(Map.of("Body", "my secret rent reply"));

    assertThat(form.toString()).contains("Body").doesNotContain("secret");
  }

  @Test
  void names_and_values_are_kept_as_storable_text() {
    RawForm form = RawForm.builder().add("Bo\0dy", "a\0b").add("Bo\uFFFDdy", "c").build();

    assertThat(form.values("Bo\uFFFDdy")).containsExactly("a\uFFFDb", "c");
    assertThat(RawForm.ofSingleValues(Map.of("Body", "\uD800")).first("Body")).isEqualTo("\uFFFD");
  }

  @Test
  void the_exact_body_travels_with_the_form_and_counts_for_equality() {
    byte[] exact = {'B', 'o', 'd', 'y', '=', 'a', '%', '0', '0', 'b'};
    RawForm text = RawForm.builder().add("Body", "a\0b").build();
    RawForm form = text.withBody(exact);

    exact[0] = 'X';
    assertThat(form.body()).hasValueSatisfying(b -> assertThat(b).startsWith('B', 'o'));
    assertThat(text.body()).isEmpty();
    assertThat(form).isNotEqualTo(text).isEqualTo(text.withBody(form.body().orElseThrow()));
    assertThat(form.toString()).doesNotContain("a%00b").contains("10 bytes");
  }
}
