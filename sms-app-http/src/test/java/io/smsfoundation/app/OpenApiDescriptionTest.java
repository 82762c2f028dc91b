package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.app.OpenApiDescription.Operation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The OpenAPI checker itself finds what is wrong, so that its silence means something. */
class OpenApiDescriptionTest {

  private static final OpenApiDescription openApi =
      new OpenApiDescription(ProjectFiles.file("docs/openapi.yaml"));
  private static final Operation SEND = new Operation("/sms/send", "post");
  private static final String RECEIPT =
      "{\"message_id\":\"01a1fb49-b300-7c09-bd8d-cccbfa6df379\","
          + "\"conversation_id\":\"01a1fb49-b302-7a6f-a1be-97e23cf60091\","
          + "\"status\":\"queued\",\"segments\":1,\"encoding\":\"GSM-7\"}";

  private static HttpResponse<String> response(
      int status, String contentType, String body, boolean withRequestId) {
    Map<String, List<String>> headers =
        withRequestId
            ? Map.of("Content-Type", List.of(contentType), "X-Request-Id", List.of("r-1"))
            : Map.of("Content-Type", List.of(contentType));
    return new FakeResponse(status, HttpHeaders.of(headers, (name, value) -> true), body);
  }

  @Test
  void a_matching_response_has_no_problem() {
    assertThat(openApi.problems(SEND, response(202, "application/json", RECEIPT, true))).isEmpty();
  }

  @Test
  void operations_are_found_by_path_template_and_method() {
    assertThat(openApi.operationFor("GET", "/conversations/%2B12015550123"))
        .contains(new Operation("/conversations/{phone}", "get"));
    assertThat(openApi.operationFor("PUT", "/conversations/%2B12015550123/workflow"))
        .contains(new Operation("/conversations/{phone}/workflow", "put"));
    assertThat(openApi.operationFor("DELETE", "/sms/send")).isEmpty();
    assertThat(openApi.operationFor("GET", "/no/such/path")).isEmpty();
  }

  @Test
  void undocumented_status_missing_header_wrong_type_and_bad_body_are_all_found() {
    assertThat(openApi.problems(SEND, response(418, "application/json", "{}", true)))
        .singleElement()
        .asString()
        .contains("418 is not documented");
    assertThat(openApi.problems(SEND, response(202, "application/json", RECEIPT, false)))
        .singleElement()
        .asString()
        .contains("X-Request-Id");
    assertThat(openApi.problems(SEND, response(202, "text/html", "<p>hi</p>", true)))
        .singleElement()
        .asString()
        .contains("text/html");
    assertThat(
            openApi.problems(
                SEND,
                response(
                    202,
                    "application/json",
                    RECEIPT.replace("\"segments\":1", "\"segments\":\"1\""),
                    true)))
        .isNotEmpty();
    assertThat(
            openApi.problems(
                SEND,
                response(202, "application/json", RECEIPT.replace("}", ",\"extra\":true}"), true)))
        .isNotEmpty();
  }

  @Test
  void an_error_envelope_with_the_wrong_code_for_its_status_is_found() {
    String conflict =
        "{\"error\":{\"code\":\"sms.not_found\",\"message\":\"m\",\"details\":{},"
            + "\"request_id\":\"r-1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}}";

    assertThat(openApi.problems(SEND, response(409, "application/json", conflict, true)))
        .isNotEmpty();
    assertThat(
            openApi.problems(
                SEND,
                response(
                    409,
                    "application/json",
                    conflict.replace("sms.not_found", "sms.opted_out"),
                    true)))
        .isEmpty();
  }

  private record FakeResponse(int statusCode, HttpHeaders headers, String body)
      implements HttpResponse<String> {

    @Override
    public HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://localhost/sms/send")).build();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request().uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
