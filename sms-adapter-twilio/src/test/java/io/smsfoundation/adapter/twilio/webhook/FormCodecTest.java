package io.smsfoundation.adapter.twilio.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.message.RawForm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormCodecTest {

  private static RawForm parse(String body) throws FormCodec.MalformedForm {
    return FormCodec.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keeps_parameters_in_received_order_with_every_value() throws Exception {
    RawForm form = parse("To=%2B1555&From=%2B1201&Body=S%C3%AD+se%C3%B1or&To=x");

    assertThat(form.names()).containsExactly("To", "From", "Body");
    assertThat(form.values("Body")).containsExactly("Sí señor");
    assertThat(form.values("To")).containsExactly("+1555", "x");
  }

  @Test
  void keeps_emoji_written_without_escapes() throws Exception {
    assertThat(parse("Body=hi 😀 there").values("Body")).containsExactly("hi 😀 there");
  }

  @Test
  void refuses_broken_escapes_and_invalid_utf8() {
    assertThatThrownBy(() -> parse("Body=%ZZ")).isInstanceOf(FormCodec.MalformedForm.class);
    assertThatThrownBy(() -> parse("Body=%E2%82")).isInstanceOf(FormCodec.MalformedForm.class);
    assertThatThrownBy(() -> FormCodec.parse(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(FormCodec.MalformedForm.class);
  }

  @Test
  void an_encoded_form_parses_back_to_the_same_form() throws Exception {
    RawForm form =
        RawForm.builder()
            .add("Body", "a+b & c=d ½ 😀")
            .add("Tag", "x")
            .add("Tag", "y")
            .add("Empty", "")
            .build();

    assertThat(FormCodec.parse(FormCodec.encode(form))).isEqualTo(form);
  }
}
