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

  @Test
  void json_is_application_json_or_a_json_suffix_in_utf_8() {
    assertThat(HttpServer.isJson("application/json")).isTrue();
    assertThat(HttpServer.isJson("Application/JSON; charset=\"utf-8\"")).isTrue();
    assertThat(HttpServer.isJson("application/merge-patch+json")).isTrue();
    assertThat(HttpServer.isJson("application/json; charset=latin1")).isFalse();
    assertThat(HttpServer.isJson("text/json")).isFalse();
    assertThat(HttpServer.isJson("application/x-www-form-urlencoded")).isFalse();
    assertThat(HttpServer.isJson(null)).isFalse();
  }

  @Test
  void a_percent_sign_must_start_an_escape_of_two_hex_digits() {
    HttpServer.checkPercentEncoding("/conversations/%2B1201%20x", "path");
    for (String bad : java.util.List.of("/c/%u002F", "/c/%2", "/c/%", "/c/%GG")) {
      assertThatThrownBy(() -> HttpServer.checkPercentEncoding(bad, "path"))
          .as(bad)
          .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Test
  void a_query_value_no_store_can_hold_is_a_bad_request() {
    assertThatThrownBy(() -> HttpServer.queryParams("cursor=a%00b"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void a_body_that_trickles_in_is_cut_off_and_a_large_one_refused() {
    // one byte per read, each read two seconds after the one before
    long[] now = {0};
    java.io.InputStream trickle =
        new java.io.InputStream() {
          @Override
          public int read() {
            now[0] += 2_000_000_000L;
            return 'x';
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            buffer[offset] = (byte) read();
            return 1;
          }
        };
    assertThatThrownBy(() -> HttpServer.readLimited(trickle, 0, () -> now[0]))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(408));

    java.io.InputStream large =
        new java.io.ByteArrayInputStream(new byte[HttpServer.MAX_BODY_BYTES + 1]);
    assertThatThrownBy(() -> HttpServer.readLimited(large, 0, () -> 0))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void statuses_jetty_answers_itself_keep_their_meaning_in_the_envelope() {
    assertThat(HttpServer.forStatus(414).code()).isEqualTo("sms.uri_too_long");
    assertThat(HttpServer.forStatus(431).code()).isEqualTo("sms.headers_too_large");
    assertThat(HttpServer.forStatus(431).status()).isEqualTo(431);
    assertThat(HttpServer.forStatus(501).status()).isEqualTo(405);
    assertThat(HttpServer.forStatus(418).status()).isEqualTo(418);
    assertThat(HttpServer.forStatus(500).status()).isEqualTo(500);
  }
}
