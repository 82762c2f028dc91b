package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

  private static Map<String, List<String>> parse(String body) {
    return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keeps_parameters_in_received_order_with_every_value() {
    Map<String, List<String>> form = parse("To=%2B1555&From=%2B1201&Body=S%C3%AD+se%C3%B1or&To=x");

    assertThat(form.keySet()).containsExactly("To", "From", "Body");
    assertThat(form.get("Body")).containsExactly("Sí señor");
    assertThat(form.get("To")).containsExactly("+1555", "x");
  }

  @Test
  void keeps_emoji_written_without_escapes() {
    assertThat(parse("Body=hi 😀 there").get("Body")).containsExactly("hi 😀 there");
  }

  @Test
  void refuses_broken_escapes_and_invalid_utf8() {
    assertThatThrownBy(() -> parse("Body=%ZZ")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> parse("Body=%E2%82")).isInstanceOf(ApiError.class);
    assertThatThrownBy(() -> FormBody.parse(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void path_parameters_keep_a_plus_sign_and_decode_escapes() {
    assertThat(HttpServer.pathParams("/conversations/{phone}", "/conversations/+12015550123"))
        .containsEntry("phone", "+12015550123");
    assertThat(
            HttpServer.pathParams(
                "/conversations/{phone}/workflow", "/conversations/%2B1201/workflow/"))
        .containsEntry("phone", "+1201");
  }
}
