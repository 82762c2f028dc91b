package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpServerTest {

  @Test
  void query_parameters_keep_every_value_in_order() {
    assertThat(HttpServer.queryParams("limit=5&cursor=a%2Bb&limit=7&flag"))
        .containsExactly(
            java.util.Map.entry("limit", java.util.List.of("5", "7")),
            java.util.Map.entry("cursor", java.util.List.of("a+b")),
            java.util.Map.entry("flag", java.util.List.of("")));
  }

  @Test
  void a_malformed_query_escape_is_a_bad_request() {
    assertThatThrownBy(() -> HttpServer.queryParams("cursor=%ZZ"))
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
