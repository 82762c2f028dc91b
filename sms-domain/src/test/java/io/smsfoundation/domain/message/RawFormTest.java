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
}
