package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms.SignedWebhook;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.domain.message.RawForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole service started in-process as {@code Main} would start it, from an environment map, and
 * reached over real HTTP with the JDK client: one per test class. Signs webhooks with the service's
 * auth token the way Twilio does.
 */
final class TestApplication implements AutoCloseable {

  static final String API_KEY = "test-api-key-0123456789abcdef";
  static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
  static final String TWILIO_NUMBER = "+15005550006";

  /** The empty TwiML answer, as Twilio's own SDK renders it. */
  static final String EMPTY_TWIML = emptyTwiml();

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads whatever the service writes: names and texts of any length (raw forms hold them). */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNameLength(Integer.MAX_VALUE)
                          .maxStringLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .build();

  private final Map<String, String> env;
  private final PostgresTestDatabase.Schema schema;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SmsApplication application;
  private volatile Consumer<HttpResponse<String>> recorder = response -> {};

  private TestApplication(Map<String, String> env, PostgresTestDatabase.Schema schema) {
    this.env = env;
    this.schema = schema;
  }

  /**
   * Starts the service in local mode with a known API key and auth token, an ephemeral port, a
   * fresh data directory and a schema of its own on the test PostgreSQL (unless {@code overrides}
   * name a {@code DATABASE_URL}), plus {@code overrides}.
   */
  static TestApplication start(Map<String, String> overrides) {
    return start(overrides, Clock.systemUTC());
  }

  /** Like {@link #start(Map)}, on {@code clock}. */
  static TestApplication start(Map<String, String> overrides, Clock clock) {
    Map<String, String> env = new HashMap<>();
    env.put(AppConfig.SMS_MODE, "local");
    env.put(AppConfig.PORT, "0");
    env.put(AppConfig.SMS_API_KEYS, API_KEY);
    env.put(AppConfig.TWILIO_AUTH_TOKEN, AUTH_TOKEN);
    env.put(AppConfig.LOG_FORMAT, "text");
    try {
      env.put(AppConfig.SMS_DATA_DIR, Files.createTempDirectory("sms-app-test").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.putAll(overrides);
    PostgresTestDatabase.Schema schema = null;
    if (!env.containsKey(AppConfig.DATABASE_URL)) {
      schema = PostgresTestDatabase.createSchema(false);
      env.put(AppConfig.DATABASE_URL, TestDatabases.urlOf(schema));
    }
    TestApplication app = new TestApplication(env, schema);
    try {
      app.application = new SmsApplication(AppConfig.fromEnvironment(env), clock).start();
    } catch (RuntimeException e) {
      if (schema != null) {
        schema.close();
      }
      throw e;
    }
    return app;
  }

  /** Stops the service and starts a new one from the same environment. */
  void restart() {
    application.stop();
    application = new SmsApplication(AppConfig.fromEnvironment(env)).start();
  }

  void stop() {
    application.stop();
  }

  @Override
  public void close() {
    try {
      application.stop();
    } finally {
      if (schema != null) {
        schema.close();
      }
    }
  }

  SmsApplication application() {
    return application;
  }

  /** The schema the service runs on, when the test application created it. */
  PostgresTestDatabase.Schema schema() {
    if (schema == null) {
      throw new IllegalStateException("the test named its own DATABASE_URL");
    }
    return schema;
  }

  /** Hands every response of {@link #call} (and the calls built on it) to {@code recorder}. */
  void recordTo(Consumer<HttpResponse<String>> recorder) {
    this.recorder = recorder;
  }

  Path dataDir() {
    return Path.of(env.get(AppConfig.SMS_DATA_DIR));
  }

  String baseUrl() {
    return "http://localhost:" + application.port();
  }

  // --- API calls -------------------------------------------------------------------------------

  HttpResponse<String> get(String path) {
    return call("GET", path, null, Map.of("Authorization", "Bearer " + API_KEY));
  }

  HttpResponse<String> postJson(String path, String json, String... headers) {
    return call("POST", path, json, withAuth(headers));
  }

  HttpResponse<String> putJson(String path, String json) {
    return call("PUT", path, json, withAuth());
  }

  /** Sends an SMS through {@code POST /sms/send}. */
  HttpResponse<String> send(String to, String body, String... headers) {
    return postJson(
        "/sms/send",
        "{\"to\":" + JSON.valueToTree(to) + ",\"body\":" + JSON.valueToTree(body) + "}",
        headers);
  }

  /** The API key and a JSON content type, plus {@code headers} given as name, value pairs. */
  static Map<String, String> withAuth(String... headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", "Bearer " + API_KEY);
    all.put("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    return all;
  }

  /**
   * A request with a body over the service's limit. The service answers 413 without reading the
   * body and closes the connection, so the client, still sending, may see the connection reset
   * before it reads the answer; it tries again, as a real client would.
   */
  HttpResponse<String> oversized(
      String method, String path, String body, Map<String, String> headers) {
    UncheckedIOException reset = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return call(method, path, body, headers);
      } catch (UncheckedIOException e) {
        reset = e;
      }
    }
    throw reset;
  }

  /** Any request; {@code body} may be {@code null}, a {@link String} or a {@code byte[]}. */
  HttpResponse<String> call(String method, String path, Object body, Map<String, String> headers) {
    BodyPublisher publisher =
        switch (body) {
          case null -> BodyPublishers.noBody();
          case String text -> BodyPublishers.ofString(text);
          case byte[] bytes -> BodyPublishers.ofByteArray(bytes);
          default -> throw new IllegalArgumentException("unsupported body " + body.getClass());
        };
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, publisher);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
      recorder.accept(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // --- Twilio webhooks -------------------------------------------------------------------------

  static String newSid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  /** A form like the one Twilio posts for an inbound SMS. */
  static Map<String, String> inboundForm(String sid, String from, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("ToCountry", "US");
    form.put("SmsMessageSid", sid);
    form.put("NumMedia", "0");
    form.put("SmsSid", sid);
    form.put("SmsStatus", "received");
    form.put("Body", body);
    form.put("To", TWILIO_NUMBER);
    form.put("NumSegments", "1");
    form.put("MessageSid", sid);
    form.put("AccountSid", "AC" + "0".repeat(32));
    form.put("From", from);
    form.put("ApiVersion", "2010-04-01");
    return form;
  }

  /** Posts a correctly signed inbound webhook with a new SID. */
  HttpResponse<String> inbound(String from, String body) {
    return webhook("/webhook/twilio/sms", inboundForm(newSid(), from, body));
  }

  /** Posts a correctly signed status callback. */
  HttpResponse<String> status(String sid, String status, String messageId) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SmsSid", sid);
    form.put("SmsStatus", status);
    form.put("MessageStatus", status);
    form.put("MessageSid", sid);
    form.put("AccountSid", "AC" + "0".repeat(32));
    String path =
        messageId == null
            ? "/webhook/twilio/status"
            : "/webhook/twilio/status?message_id=" + messageId;
    return webhook(path, form);
  }

  /** Posts {@code form} to {@code path} signed with the service's auth token. */
  HttpResponse<String> webhook(String path, Map<String, String> form) {
    String signature =
        TwilioSignatures.signSingleValued(AUTH_TOKEN, application.publicBaseUrl() + path, form);
    return webhook(path, form, signature);
  }

  /** Posts {@code form} with the given signature header ({@code null}: none). */
  HttpResponse<String> webhook(String path, Map<String, String> form, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (signature != null) {
      headers.put("X-Twilio-Signature", signature);
    }
    return call("POST", path, formBody(form), headers);
  }

  /**
   * Posts {@code form} to {@code path}, signed with the service's auth token as Twilio would sign
   * {@code signedUrl} (which may spell the URL differently from the one posted to).
   */
  HttpResponse<String> webhookSignedFor(String path, String signedUrl, RawForm form) {
    SignedWebhook webhook = TwilioWebhookForms.sign(AUTH_TOKEN, signedUrl, form);
    return call(
        "POST",
        path,
        webhook.body(),
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            SignedWebhook.SIGNATURE_HEADER,
            webhook.signature()));
  }

  static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** Asserts the error envelope with its code, and returns its {@code details}. */
  static JsonNode assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = json(response).get("error");
    assertThat(error).as(response.body()).isNotNull();
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("request_id").asText())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(error.get("timestamp").asText()).isNotBlank();
    return error.get("details");
  }

  /** Polls {@code probe} until {@code done} holds (at most 20 s), returning the last value. */
  static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T value = probe.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      value = probe.get();
    }
    return value;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String emptyTwiml() {
    try {
      return new com.twilio.twiml.MessagingResponse.Builder().build().toXml();
    } catch (com.twilio.twiml.TwiMLException e) {
      throw new IllegalStateException(e);
    }
  }
}
