package io.smsfoundation.adapter.twilio.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.RawForm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormCodecTest {

  private static RawForm parse(String body) {
    return FormCodec.read(body.getBytes(StandardCharsets.UTF_8)).form();
  }

  @Test
  void keeps_parameters_in_received_order_with_every_value() {
    RawForm form = parse("To=%2B1555&From=%2B1201&Body=S%C3%AD+se%C3%B1or&To=x");

    assertThat(form.names()).containsExactly("To", "From", "Body");
    assertThat(form.values("Body")).containsExactly("Sí señor");
    assertThat(form.values("To")).containsExactly("+1555", "x");
  }

  @Test
  void keeps_emoji_written_without_escapes() {
    assertThat(parse("Body=hi 😀 there").values("Body")).containsExactly("hi 😀 there");
  }

  @Test
  void a_broken_escape_is_kept_as_written_as_the_url_standard_reads_it() {
    assertThat(parse("Body=%ZZ&Tail=100%&U=%u002F").values("Body")).containsExactly("%ZZ");
    assertThat(parse("Tail=100%").first("Tail")).isEqualTo("100%");
    assertThat(parse("U=%u002F&V=%4").first("V")).isEqualTo("%4");
  }

  @Test
  void bytes_that_are_not_utf8_become_the_replacement_character_and_keep_their_bytes() {
    FormCodec.ParsedForm parsed =
        FormCodec.read(
            new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28, '&', 'b', '=', '%', 'F', 'F'});

    assertThat(parsed.form().first("a")).isEqualTo("\uFFFD(");
    assertThat(parsed.form().first("b")).isEqualTo("\uFFFD");
    assertThat(parsed.utf8()).isFalse();
    assertThat(parsed.parameters().get(1).value()).containsExactly(0xFF);
  }

  @Test
  void a_nul_is_kept_as_its_byte_and_as_the_replacement_character_in_the_text() {
    FormCodec.ParsedForm parsed = FormCodec.read("Body=a%00b".getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.utf8()).isTrue();
    assertThat(parsed.parameters().getFirst().value()).containsExactly('a', 0, 'b');
    assertThat(parsed.form().first("Body")).isEqualTo("a\uFFFDb");
  }

  @Test
  void an_empty_name_is_skipped_and_a_name_without_value_has_an_empty_one() {
    RawForm form = parse("=x&&flag&a=1=2");

    assertThat(form.names()).containsExactly("flag", "a");
    assertThat(form.first("flag")).isEmpty();
    assertThat(form.first("a")).isEqualTo("1=2");
  }

  @Test
  void an_encoded_form_parses_back_to_the_same_form() {
    RawForm form =
        RawForm.builder()
            .add("Body", "a+b & c=d ½ 😀")
            .add("Tag", "x")
            .add("Tag", "y")
            .add("Empty", "")
            .build();

    assertThat(FormCodec.read(FormCodec.encode(form)).form()).isEqualTo(form);
  }
}
