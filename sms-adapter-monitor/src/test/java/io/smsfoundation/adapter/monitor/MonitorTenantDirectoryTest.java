package io.smsfoundation.adapter.monitor;

import static io.smsfoundation.adapter.monitor.FakeMonitor.tenantJson;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.adapter.monitor.FakeMonitor.Recorded;
import io.smsfoundation.adapter.monitor.FakeMonitor.Reply;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory.CircuitState;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory.LookupCounts;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantDirectory.LanguageUpdate;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class MonitorTenantDirectoryTest {

  private static final String RAW = "(201) 555-0111";
  private static final String E164 = "+12015550111";
  private static final String NATIONAL = "2015550111";
  private static final String DIGITS = "12015550111";
  private static final List<String> VARIANTS = List.of(RAW, E164, NATIONAL, DIGITS);
  private static final String ANA = tenantJson("tenant-ana", E164, "es");

  private final FakeMonitor monitor = FakeMonitor.start();
  private final List<MonitorTenantDirectory> directories = new ArrayList<>();

  @AfterEach
  void stop() {
    directories.forEach(MonitorTenantDirectory::close);
    monitor.close();
    MDC.clear();
  }

  /** Small delays so that retries are quick; a breaker that does not open during one test. */
  private MonitorSettings fast() {
    return MonitorSettings.defaults(monitor.baseUrl())
        .withAttemptTimeout(Duration.ofSeconds(2))
        .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5))
        .withBreaker(50, 100, Duration.ofSeconds(30));
  }

  private MonitorTenantDirectory directory(MonitorSettings settings) {
    MonitorTenantDirectory directory =
        new MonitorTenantDirectory(settings, new SimpleMeterRegistry());
    directories.add(directory);
    return directory;
  }

  private MonitorTenantDirectory directory() {
    return directory(fast());
  }

  // --- found and not found ---

  @Test
  void a_tenant_on_the_first_variant_is_found_with_one_request() {
    monitor.onLookup(RAW, Reply.json(ANA));

    TenantLookup lookup = directory().lookup(VARIANTS);

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("tenant-ana");
              assertThat(found.tenant().phoneNumbers()).containsExactly(E164);
              assertThat(found.tenant().languagePreference()).isEqualTo(Language.ES);
              assertThat(found.matchedVariant()).isEqualTo(RAW);
              assertThat(found.attempts()).isEqualTo(1);
            });
    assertThat(monitor.askedPhones()).containsExactly(RAW);
  }

  @Test
  void variants_are_asked_in_order_until_a_later_one_matches() {
    monitor
        .onLookup(RAW, Reply.status(404))
        .onLookup(E164, Reply.json("[]"))
        .onLookup(NATIONAL, Reply.json(tenantJson("tenant-ana", E164, null)));

    TenantLookup lookup = directory().lookup(VARIANTS);

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.matchedVariant()).isEqualTo(NATIONAL);
              assertThat(found.attempts()).isEqualTo(3);
              assertThat(found.tenant().languagePreference()).isEqualTo(Language.UNKNOWN);
            });
    assertThat(monitor.askedPhones()).containsExactly(RAW, E164, NATIONAL);
  }

  @Test
  void not_found_on_every_variant_is_not_found_without_retries() {
    monitor.onAnyLookup(Reply.status(404));

    TenantLookup lookup = directory().lookup(VARIANTS);

    assertThat(lookup).isEqualTo(new TenantLookup.NotFound(4));
    assertThat(monitor.askedPhones()).containsExactlyElementsOf(VARIANTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "[]", "{}", "null", " [ ] "})
  void an_empty_answer_means_not_found_for_that_variant(String body) {
    monitor.onAnyLookup(Reply.json(body));

    TenantLookup lookup = directory().lookup(List.of(E164, DIGITS));

    assertThat(lookup).isEqualTo(new TenantLookup.NotFound(2));
    assertThat(monitor.requestCount()).isEqualTo(2);
  }

  @Test
  void an_array_of_tenants_gives_the_first() {
    monitor.onLookup(
        E164, Reply.json("[" + ANA + "," + tenantJson("tenant-other", E164, "pt") + "]"));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> assertThat(found.tenant().tenantId()).isEqualTo("tenant-ana"));
  }

  @Test
  void a_numeric_tenant_id_is_kept_as_text() {
    monitor.onLookup(E164, Reply.json("{\"tenant_id\": 4711, \"language_preference\": \"PT\"}"));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().tenantId()).isEqualTo("4711");
              assertThat(found.tenant().languagePreference()).isEqualTo(Language.PT);
            });
  }

  @Test
  void no_variants_is_not_found_without_a_request() {
    assertThat(directory().lookup(List.of())).isEqualTo(new TenantLookup.NotFound(0));
    assertThat(monitor.requestCount()).isZero();
  }

  // --- transient failures and retries ---

  @Test
  void a_server_error_then_success_is_found_on_the_second_attempt() {
    monitor.onLookup(E164, Reply.status(500), Reply.json(ANA));

    TenantLookup lookup = directory().lookup(List.of(E164, DIGITS));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(2));
    assertThat(monitor.askedPhones()).containsExactly(E164, E164);
  }

  @Test
  void a_persistent_server_error_is_unavailable_after_the_bounded_attempts() {
    monitor.onAnyLookup(Reply.status(500));
    // The design's own backoff (100 ms doubling, jitter) so that the bound below is the real one.
    MonitorSettings settings =
        MonitorSettings.defaults(monitor.baseUrl()).withBreaker(50, 100, Duration.ofSeconds(30));
    MonitorTenantDirectory directory = directory(settings);

    long start = System.nanoTime();
    TenantLookup lookup = directory.lookup(VARIANTS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(4);
              assertThat(down.reason()).contains("500");
            });
    // The later variants are not asked: the Monitor is down, not the number unknown.
    assertThat(monitor.askedPhones()).containsExactly(RAW, RAW, RAW, RAW);
    // Three backoffs of at most 125, 250 and 500 ms: a generous bound that only proves an end.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void too_many_requests_waits_for_retry_after_before_asking_again() {
    monitor.onLookup(E164, Reply.status(429).withHeader("Retry-After", "1"), Reply.json(ANA));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(2));
    List<Recorded> requests = monitor.requests();
    // A lower bound: the backoff alone is 5 ms at most, so only the header explains this gap.
    assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void too_many_requests_without_retry_after_is_retried_with_backoff() {
    monitor.onLookup(E164, Reply.status(429), Reply.status(503), Reply.json(ANA));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(3));
  }

  @Test
  void a_retry_after_longer_than_the_limit_ends_the_lookup_at_once() {
    monitor.onLookup(E164, Reply.status(429).withHeader("Retry-After", "120"), Reply.json(ANA));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(1);
              assertThat(down.reason()).contains("429").contains("120 s");
            });
    assertThat(monitor.requestCount()).isEqualTo(1);
  }

  @Test
  void an_answer_slower_than_the_timeout_is_cut_off_and_retried() {
    monitor.onLookup(E164, Reply.json(ANA).after(Duration.ofSeconds(5)), Reply.json(ANA));
    MonitorTenantDirectory directory = directory(fast().withAttemptTimeout(Duration.ofSeconds(1)));

    TenantLookup lookup = directory.lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(2));
  }

  @Test
  void a_body_that_trickles_in_past_the_timeout_is_cut_off_and_retried() {
    // Headers arrive at once, so only the attempt timeout, not the request timeout, can stop it.
    monitor.onLookup(E164, Reply.json(ANA).trickling(Duration.ofSeconds(5)), Reply.json(ANA));
    MonitorTenantDirectory directory = directory(fast().withAttemptTimeout(Duration.ofSeconds(1)));

    TenantLookup lookup = directory.lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(2));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void an_answer_that_is_always_too_slow_is_unavailable_after_the_bounded_attempts() {
    monitor.onAnyLookup(Reply.json(ANA).after(Duration.ofSeconds(5)));
    MonitorTenantDirectory directory =
        directory(
            fast()
                .withAttemptTimeout(Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)));

    TenantLookup lookup = directory.lookup(List.of(E164, DIGITS));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(2);
              assertThat(down.reason()).contains("PT0.2S");
            });
  }

  @Test
  void the_budget_stops_a_lookup_whose_every_attempt_hangs() {
    monitor.onAnyLookup(Reply.json(ANA).after(Duration.ofSeconds(30)));
    MonitorSettings settings =
        fast()
            .withAttemptTimeout(Duration.ofMillis(300))
            .withRetries(20, Duration.ofMillis(1), Duration.ofMillis(5))
            .withLookupBudget(Duration.ofMillis(700));
    MonitorTenantDirectory directory = directory(settings);

    TenantLookup lookup = directory.lookup(VARIANTS);

    // without the budget: 20 attempts of the first variant, 300 ms each
    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.reason()).contains("lookup budget of 700 ms");
              assertThat(down.attempts()).isBetween(1, 3);
            });
    assertThat(monitor.askedPhones()).containsOnly(RAW);
    assertThat(Thread.currentThread().isInterrupted())
        .as("the caller is not left interrupted")
        .isFalse();
    monitor.onAnyLookup(Reply.json(ANA));
    assertThat(directory.lookup(VARIANTS))
        .as("the next lookup has a budget of its own")
        .isInstanceOf(TenantLookup.Found.class);
  }

  @Test
  void a_tenant_is_read_by_id_from_the_tenant_path() {
    monitor.onTenant(
        "tenant 8812/a",
        Reply.json(
            "{\"tenant_id\": \"tenant 8812/a\", \"phone_numbers\": [\"+12015550111\","
                + " \"(201) 555-0199\"], \"language_preference\": \"es\"}"));

    TenantLookup read = directory().tenantById("tenant 8812/a");

    assertThat(read)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> {
              assertThat(found.tenant().phoneNumbers())
                  .containsExactly("+12015550111", "(201) 555-0199");
              assertThat(found.matchedVariant()).isEqualTo("tenant 8812/a");
            });
    assertThat(monitor.requests().getFirst().rawPath()).isEqualTo("/tenants/tenant%208812%2Fa");
  }

  @Test
  void a_tenant_read_follows_a_configured_tenant_path_and_retries_server_errors() {
    monitor.onTenant("t-1", Reply.status(503), Reply.json(tenantJson("t-1", E164, null)));
    MonitorTenantDirectory directory =
        directory(fast().withTenantPath("/residents/{tenant_id}/profile"));

    TenantLookup read = directory.tenantById("t-1");

    assertThat(read)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(2));
    assertThat(monitor.requests())
        .extracting(FakeMonitor.Recorded::rawPath)
        .containsOnly("/residents/t-1/profile");
  }

  @Test
  void an_unknown_tenant_id_is_not_found_and_a_silent_monitor_is_unavailable() {
    monitor.onTenant("t-slow", Reply.status(200).after(Duration.ofSeconds(30)));
    MonitorTenantDirectory directory =
        directory(
            fast()
                .withAttemptTimeout(Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(5)));

    assertThat(directory.tenantById("t-unknown")).isInstanceOf(TenantLookup.NotFound.class);
    assertThat(directory.tenantById("t-slow")).isInstanceOf(TenantLookup.Unavailable.class);
  }

  @Test
  void a_monitor_that_refuses_connections_is_unavailable_after_the_bounded_attempts()
      throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    MonitorTenantDirectory directory =
        directory(
            MonitorSettings.defaults(URI.create("http://127.0.0.1:" + closedPort))
                .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5))
                .withBreaker(50, 100, Duration.ofSeconds(30)));

    TenantLookup lookup = directory.lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(4);
              assertThat(down.reason()).contains("connect");
            });
  }

  // --- circuit breaker ---

  @Test
  void an_open_circuit_fails_fast_without_calling_the_monitor() {
    monitor.onAnyLookup(Reply.status(500));
    MonitorTenantDirectory directory = directory(fast().withBreaker(5, 10, Duration.ofSeconds(30)));

    TenantLookup first = directory.lookup(List.of(E164));
    TenantLookup second = directory.lookup(List.of(E164));
    TenantLookup third = directory.lookup(List.of(E164));

    assertThat(first.attempts()).isEqualTo(4);
    // The fifth failed request opens the circuit; the retry that follows is refused, not sent.
    assertThat(second)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(1);
              assertThat(down.reason()).contains("circuit open");
            });
    assertThat(third)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isZero();
              assertThat(down.reason()).contains("circuit open");
            });
    assertThat(monitor.requestCount()).isEqualTo(5);
    assertThat(directory.circuitState()).isEqualTo(CircuitState.OPEN);
    assertThat(directory.updateLanguage("tenant-ana", new LanguageDetection(Language.ES, 0.9)))
        .isEqualTo(LanguageUpdate.UNAVAILABLE);
    assertThat(monitor.requestCount()).isEqualTo(5);
  }

  @Test
  void the_circuit_closes_after_a_successful_probe_once_the_delay_has_passed()
      throws InterruptedException {
    monitor.onAnyLookup(Reply.status(503));
    MonitorTenantDirectory directory = directory(fast().withBreaker(3, 10, Duration.ofMillis(200)));
    TenantLookup failing = directory.lookup(List.of(E164));
    assertThat(failing)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> assertThat(down.reason()).contains("circuit open"));

    monitor.onAnyLookup(Reply.json(ANA));
    awaitState(directory, CircuitState.HALF_OPEN);
    int before = monitor.requestCount();
    TenantLookup probe = directory.lookup(List.of(E164));

    assertThat(probe)
        .isInstanceOfSatisfying(
            TenantLookup.Found.class, found -> assertThat(found.attempts()).isEqualTo(1));
    assertThat(monitor.requestCount()).isEqualTo(before + 1);
    assertThat(directory.circuitState()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void a_failed_probe_opens_the_circuit_again() throws InterruptedException {
    monitor.onAnyLookup(Reply.status(503));
    MonitorTenantDirectory directory = directory(fast().withBreaker(3, 10, Duration.ofMillis(200)));
    directory.lookup(List.of(E164));
    awaitState(directory, CircuitState.HALF_OPEN);
    int before = monitor.requestCount();

    TenantLookup probe = directory.lookup(List.of(E164));

    // One request, then the retry is refused: the failed probe has opened the circuit again.
    assertThat(probe)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(1);
              assertThat(down.reason()).contains("circuit open");
            });
    assertThat(monitor.requestCount()).isEqualTo(before + 1);
  }

  @Test
  void not_found_answers_do_not_open_the_circuit() {
    monitor.onAnyLookup(Reply.status(404));
    MonitorTenantDirectory directory = directory(fast().withBreaker(2, 10, Duration.ofSeconds(30)));

    for (int i = 0; i < 5; i++) {
      assertThat(directory.lookup(VARIANTS)).isInstanceOf(TenantLookup.NotFound.class);
    }
    assertThat(directory.circuitState()).isEqualTo(CircuitState.CLOSED);
    assertThat(monitor.requestCount()).isEqualTo(20);
  }

  private static void awaitState(MonitorTenantDirectory directory, CircuitState wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (directory.circuitState() != wanted && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(directory.circuitState()).isEqualTo(wanted);
  }

  // --- answers that are errors ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json",
        "{\"id\": \"tenant-ana\"}",
        "{\"tenant_id\": \"\"}",
        "{\"tenant_id\": {\"nested\": 1}}",
        "[1, 2]",
        "\"tenant-ana\"",
        "<html>maintenance</html>"
      })
  void an_answer_of_an_unexpected_shape_is_an_error_and_not_retried(String body) {
    monitor.onLookup(E164, Reply.json(body));

    try (LogCapture logs = new LogCapture()) {
      TenantLookup lookup = directory().lookup(List.of(E164, DIGITS));

      assertThat(lookup)
          .isInstanceOfSatisfying(
              TenantLookup.Unavailable.class,
              down -> {
                assertThat(down.attempts()).isEqualTo(1);
                assertThat(down.reason()).startsWith("malformed monitor answer");
              });
      assertThat(logs.at(Level.ERROR))
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("***0111"));
    }
    assertThat(monitor.requestCount()).isEqualTo(1);
  }

  @Test
  void an_oversized_answer_is_an_error() {
    monitor.onLookup(E164, Reply.json("{\"tenant_id\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"));

    TenantLookup lookup = directory().lookup(List.of(E164));

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class, down -> assertThat(down.reason()).contains("bytes"));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 405, 422, 302})
  void a_refusal_is_not_retried_and_reported_as_unavailable(int status) {
    monitor.onAnyLookup(Reply.status(status));

    TenantLookup lookup = directory().lookup(VARIANTS);

    assertThat(lookup)
        .isInstanceOfSatisfying(
            TenantLookup.Unavailable.class,
            down -> {
              assertThat(down.attempts()).isEqualTo(1);
              assertThat(down.reason()).contains(String.valueOf(status));
            });
    assertThat(monitor.requestCount()).isEqualTo(1);
  }

  @Test
  void an_unauthorized_answer_is_logged_at_error_once_with_a_hint() {
    monitor.onAnyLookup(Reply.status(401));
    MonitorTenantDirectory directory = directory(fast().withToken("wrong-token-value"));

    try (LogCapture logs = new LogCapture()) {
      directory.lookup(List.of(E164));
      directory.lookup(List.of(E164));

      assertThat(logs.at(Level.ERROR))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("401")
                      .contains("MONITOR_API_TOKEN")
                      .doesNotContain("wrong-token-value"));
      assertThat(logs.lookups()).hasSize(2);
    }
  }

  // --- request shape ---

  @Test
  void the_bearer_token_and_accept_headers_are_sent() {
    monitor.onAnyLookup(Reply.json(ANA));

    directory(fast().withToken("s3cret-token")).lookup(List.of(E164));

    Recorded request = monitor.requests().getFirst();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.rawPath()).isEqualTo("/tenants/lookup");
    assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).startsWith("sms-foundation");
  }

  @Test
  void no_authorization_header_is_sent_without_a_token() {
    monitor.onAnyLookup(Reply.json(ANA));

    directory().lookup(List.of(E164));

    assertThat(monitor.requests().getFirst().header("Authorization")).isNull();
  }

  @Test
  void the_phone_is_url_encoded_in_the_query() {
    monitor.onAnyLookup(Reply.status(404));

    directory().lookup(List.of("+1 (201) 555-0111&x=1"));

    Recorded request = monitor.requests().getFirst();
    assertThat(request.rawQuery()).isEqualTo("phone=%2B1+%28201%29+555-0111%26x%3D1");
    assertThat(request.phone()).isEqualTo("+1 (201) 555-0111&x=1");
  }

  @Test
  void a_path_template_with_a_phone_placeholder_and_a_base_path_are_honoured() {
    monitor.onAnyLookup(Reply.json(ANA));
    MonitorSettings settings =
        MonitorSettings.defaults(URI.create(monitor.baseUrl() + "/api/v1/"))
            .withLookupPath("/tenants/by-phone/{phone}")
            .withLanguagePath("/tenants/{tenant_id}/language")
            .withRetries(4, Duration.ofMillis(1), Duration.ofMillis(5));
    MonitorTenantDirectory directory = directory(settings);

    directory.lookup(List.of(E164));
    directory.updateLanguage("tenant-ana", new LanguageDetection(Language.ES, 0.5));

    assertThat(monitor.requests())
        .extracting(Recorded::rawPath)
        .containsExactly(
            "/api/v1/tenants/by-phone/%2B12015550111", "/api/v1/tenants/tenant-ana/language");
  }

  @Test
  void the_request_id_in_context_is_forwarded() {
    monitor.onAnyLookup(Reply.json(ANA));
    MDC.put("request_id", "req-42");

    directory().lookup(List.of(E164));

    assertThat(monitor.requests().getFirst().header("X-Request-Id")).isEqualTo("req-42");
  }

  // --- logs and counters ---

  @Test
  void each_lookup_is_logged_once_with_request_id_masked_phone_outcome_and_attempts() {
    monitor.onLookup(E164, Reply.status(500), Reply.json(ANA)).onLookup(RAW, Reply.status(404));
    MDC.put("request_id", "req-7");

    try (LogCapture logs = new LogCapture()) {
      directory().lookup(VARIANTS);

      assertThat(logs.lookups())
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "req-7");
                assertThat(event.getFormattedMessage())
                    .contains("request_id=req-7")
                    .contains("phone=***0111")
                    .contains("outcome=found")
                    .contains("attempts=3");
              });
      for (ILoggingEvent event : logs.events()) {
        assertThat(event.getFormattedMessage()).doesNotContain(E164).doesNotContain(NATIONAL);
      }
    }
  }

  @Test
  void outcomes_are_counted() {
    monitor
        .onLookup(E164, Reply.json(ANA))
        .onLookup(DIGITS, Reply.status(404))
        .onLookup(NATIONAL, Reply.status(400));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MonitorTenantDirectory directory = new MonitorTenantDirectory(fast(), registry);
    directories.add(directory);

    directory.lookup(List.of(E164));
    directory.lookup(List.of(DIGITS));
    directory.lookup(List.of(DIGITS));
    directory.lookup(List.of(NATIONAL));

    assertThat(directory.lookupCounts()).isEqualTo(new LookupCounts(1, 2, 1));
    assertThat(registry.get("sms.tenant.lookups").tag("outcome", "not_found").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("sms.monitor.circuit.open").gauge().value()).isZero();
  }

  // --- language updates ---

  @Test
  void a_language_update_puts_the_body_to_the_tenant_path() throws IOException {
    monitor.onLanguage("tenant ana/1", Reply.status(204));

    LanguageUpdate update =
        directory(fast().withToken("tok"))
            .updateLanguage("tenant ana/1", new LanguageDetection(Language.ES, 0.93));

    assertThat(update).isEqualTo(LanguageUpdate.UPDATED);
    Recorded request = monitor.requests().getFirst();
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.rawPath()).isEqualTo("/tenants/tenant%20ana%2F1/language-preference");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.body()))
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"language\": \"es\", \"confidence\": 0.93, \"source\": \"sms\"}"));
  }

  @Test
  void a_language_update_is_retried_on_service_unavailable() {
    monitor.onLanguage("tenant-ana", Reply.status(503), Reply.of(200, "{}"));

    LanguageUpdate update =
        directory().updateLanguage("tenant-ana", new LanguageDetection(Language.PT, 0.8));

    assertThat(update).isEqualTo(LanguageUpdate.UPDATED);
    assertThat(monitor.requests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.body()).contains("\"pt\""));
  }

  @Test
  void a_language_update_that_keeps_failing_is_unavailable() {
    monitor.onLanguage("tenant-ana", Reply.status(503));

    LanguageUpdate update =
        directory().updateLanguage("tenant-ana", new LanguageDetection(Language.PT, 0.8));

    assertThat(update).isEqualTo(LanguageUpdate.UNAVAILABLE);
    assertThat(monitor.requestCount()).isEqualTo(4);
  }

  @Test
  void a_language_update_for_an_unknown_tenant_is_rejected_without_retry() {
    LanguageUpdate update =
        directory().updateLanguage("tenant-nobody", new LanguageDetection(Language.EN, 0.7));

    assertThat(update).isEqualTo(LanguageUpdate.REJECTED);
    assertThat(monitor.requestCount()).isEqualTo(1);
  }

  @Test
  void a_language_update_with_bad_credentials_is_unavailable_without_retry() {
    monitor.onLanguage("tenant-ana", Reply.status(401));

    LanguageUpdate update =
        directory().updateLanguage("tenant-ana", new LanguageDetection(Language.EN, 0.7));

    assertThat(update).isEqualTo(LanguageUpdate.UNAVAILABLE);
    assertThat(monitor.requestCount()).isEqualTo(1);
  }

  @Test
  void an_unknown_language_is_not_sent() {
    LanguageUpdate update = directory().updateLanguage("tenant-ana", LanguageDetection.unknown());

    assertThat(update).isEqualTo(LanguageUpdate.REJECTED);
    assertThat(monitor.requestCount()).isZero();
  }

  @Test
  void a_language_update_reaches_the_tenant_seen_by_later_lookups() {
    monitor.withTenants(List.of(new TenantProfile("tenant-ana", List.of(E164), Language.UNKNOWN)));
    MonitorTenantDirectory directory = directory();

    LanguageUpdate update =
        directory.updateLanguage("tenant-ana", new LanguageDetection(Language.ES, 0.93));

    assertThat(update).isEqualTo(LanguageUpdate.UPDATED);
    assertThat(directory.lookup(List.of(E164)))
        .isInstanceOfSatisfying(
            TenantLookup.Found.class,
            found -> assertThat(found.tenant().languagePreference()).isEqualTo(Language.ES));
  }
}
