package io.smsfoundation.adapter.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.adapter.monitor.Exchange.Answer;
import io.smsfoundation.adapter.monitor.Exchange.NoAnswer;
import io.smsfoundation.adapter.monitor.MonitorJson.Empty;
import io.smsfoundation.adapter.monitor.MonitorJson.LookupBody;
import io.smsfoundation.adapter.monitor.MonitorJson.Malformed;
import io.smsfoundation.adapter.monitor.MonitorJson.Tenant;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.PhoneMask;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link TenantDirectory} over the Collections Monitor HTTP API (the contract is in {@code
 * docs/monitor-api.md}). Thread-safe: build one per process and share it, and {@link #close()} it
 * at shutdown; it owns its {@link HttpClient} and its Failsafe policies.
 *
 * <p>Each HTTP request runs through these policies, outermost first:
 *
 * <ol>
 *   <li><b>Fallback</b>: turns what still failed after the inner policies (timeout, connection
 *       error, open circuit) into a value, so callers get {@code Unavailable}, never an exception.
 *   <li><b>RetryPolicy</b>: retries transient outcomes (5xx, 429, 408, I/O errors, timeouts) with
 *       exponential backoff and jitter, honouring {@code Retry-After} up to a limit. It aborts at
 *       once when the breaker rejects an attempt: an open circuit stays open far longer than the
 *       remaining retries would wait, so sleeping through them would only delay the answer.
 *   <li><b>CircuitBreaker</b>: inside the retry so that it counts every attempt rather than one
 *       outcome per call, and opens after a few failed requests instead of a few failed calls;
 *       while open it rejects attempts without touching the network.
 *   <li><b>Timeout</b>: innermost, so that it bounds one attempt and a slow attempt is both counted
 *       by the breaker and retried. It interrupts the attempt and backs up the client's own
 *       timeouts (connect timeout on the client, response timeout on each request), which do not
 *       cover a body that trickles in after the headers.
 * </ol>
 *
 * <p>A lookup asks for one variant after the other. {@code 404} and the empty answers are a
 * definitive "not found" for that variant and the next one is asked. A variant that stays
 * unanswered ends the whole lookup as {@code Unavailable}: a later "not found" could not be
 * trusted. Other {@code 4xx} (and {@code 3xx}) mean our settings are wrong (token, path): not
 * retried, reported as unavailable, logged at ERROR once per status until the Monitor accepts a
 * request again. A language update maps {@code 2xx} to {@code UPDATED}, {@code 401}/{@code 403} and
 * transient failures to {@code UNAVAILABLE} (worth trying again once fixed), and any other refusal,
 * {@code 404} included, to {@code REJECTED}.
 */
public final class MonitorTenantDirectory implements TenantDirectory, AutoCloseable {

  /** State of the circuit breaker, for health checks. */
  public enum CircuitState {
    /** Requests go through. */
    CLOSED,
    /** The breaker delay has passed: the next request is a probe that closes or reopens it. */
    HALF_OPEN,
    /** The Monitor failed repeatedly: calls fail fast without a request. */
    OPEN
  }

  /** How many lookups ended each way since the directory was built. */
  public record LookupCounts(long found, long notFound, long error) {}

  static final String REQUEST_ID_KEY = "request_id";

  private static final Logger log = LoggerFactory.getLogger(MonitorTenantDirectory.class);
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final String USER_AGENT = "sms-foundation-monitor-client/1";

  private final MonitorSettings settings;
  private final String base;
  private final HttpClient http;
  private final MonitorPolicies policies;
  private final MonitorJson json = new MonitorJson();
  private final Clock clock;
  private final Counter found;
  private final Counter notFound;
  private final Counter error;
  private final Counter updated;
  private final Counter rejected;
  private final Counter unavailable;
  private final Set<Integer> reportedRefusals = ConcurrentHashMap.newKeySet();

  /** Counts into a private registry; see {@link #lookupCounts()}. */
  public MonitorTenantDirectory(MonitorSettings settings) {
    this(settings, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  public MonitorTenantDirectory(MonitorSettings settings, MeterRegistry registry) {
    this(settings, registry, Clock.systemUTC());
  }

  /**
   * @param registry where the outcome counters go ({@code sms.tenant.lookups}, {@code
   *     sms.tenant.language.updates}, {@code sms.monitor.circuit.open})
   * @param clock reads {@code Retry-After} dates
   */
  public MonitorTenantDirectory(MonitorSettings settings, MeterRegistry registry, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    String url = settings.baseUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.attemptTimeout())
            // HTTP/1.1 keeps plain-http deployments away from h2c upgrade handshakes that some
            // proxies mishandle; one small JSON request at a time gains nothing from HTTP/2.
            .version(HttpClient.Version.HTTP_1_1)
            // A redirect means a wrong URL; following it could carry the token to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.policies = new MonitorPolicies(settings);
    this.found = lookupCounter(registry, "found");
    this.notFound = lookupCounter(registry, "not_found");
    this.error = lookupCounter(registry, "error");
    this.updated = updateCounter(registry, "updated");
    this.rejected = updateCounter(registry, "rejected");
    this.unavailable = updateCounter(registry, "unavailable");
    Gauge.builder(
            "sms.monitor.circuit.open",
            policies,
            p -> p.circuitState() == CircuitState.OPEN ? 1 : 0)
        .description("1 while the Collections Monitor circuit breaker fails calls fast")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public TenantLookup lookup(List<String> variants) {
    Objects.requireNonNull(variants, "variants");
    AtomicInteger requests = new AtomicInteger();
    String phone = variants.isEmpty() ? null : variants.getFirst();
    TenantLookup result =
        policies.withinBudget(() -> lookupVariants(variants, requests), () -> overBudget(requests));
    logLookup(result, phone);
    return result;
  }

  @Override
  public TenantLookup tenantById(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId");
    AtomicInteger requests = new AtomicInteger();
    TenantLookup result =
        tenantId.isBlank()
            ? new TenantLookup.NotFound(0)
            : policies.withinBudget(
                () -> readTenant(tenantId, requests), () -> overBudget(requests));
    String outcome =
        switch (result) {
          case TenantLookup.Found hit -> "found";
          case TenantLookup.NotFound miss -> "not_found";
          case TenantLookup.Unavailable down -> "error: " + down.reason();
        };
    log.atInfo()
        .addKeyValue("tenant_id", tenantId)
        .addKeyValue("attempts", result.attempts())
        .log(
            "tenant read tenant_id={} outcome={} attempts={}",
            tenantId,
            outcome,
            result.attempts());
    return result;
  }

  private TenantLookup overBudget(AtomicInteger requests) {
    return new TenantLookup.Unavailable(
        "no answer within the lookup budget of " + settings.lookupBudget().toMillis() + " ms",
        requests.get());
  }

  private TenantLookup readTenant(String tenantId, AtomicInteger requests) {
    HttpRequest request = request(tenantUri(tenantId)).GET().build();
    Exchange exchange = policies.run(() -> send(request, requests));
    return switch (exchange) {
      case NoAnswer none -> new TenantLookup.Unavailable(none.reason(), requests.get());
      case Answer answer when answer.isSuccess() -> {
        reportedRefusals.clear();
        if (answer.oversized()) {
          yield malformed("a body over " + MAX_BODY_BYTES + " bytes", tenantId, requests);
        }
        yield switch (json.readLookup(answer.body())) {
          case Empty empty -> new TenantLookup.NotFound(requests.get());
          case Malformed bad -> malformed(bad.why(), tenantId, requests);
          case Tenant tenant -> new TenantLookup.Found(tenant.profile(), tenantId, requests.get());
        };
      }
      case Answer answer when answer.status() == 404 -> {
        reportedRefusals.clear();
        yield new TenantLookup.NotFound(requests.get());
      }
      case Answer answer when answer.isTransient() ->
          new TenantLookup.Unavailable(transientReason(answer), requests.get());
      case Answer answer -> {
        reportRefusal(answer.status(), "tenant read");
        yield new TenantLookup.Unavailable(
            "monitor refused the tenant read with status "
                + answer.status()
                + hintFor(answer.status()),
            requests.get());
      }
    };
  }

  @Override
  public LanguageUpdate updateLanguage(String tenantId, LanguageDetection detection) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(detection, "detection");
    if (tenantId.isBlank() || !detection.isKnown()) {
      // The Monitor only keeps real languages; "unknown" never replaces one.
      log.warn(
          "language update not sent: tenant_id='{}' language={}",
          tenantId,
          detection.language().code());
      rejected.increment();
      return LanguageUpdate.REJECTED;
    }
    HttpRequest request =
        request(languageUri(tenantId))
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    json.writeLanguage(detection), StandardCharsets.UTF_8))
            .build();
    AtomicInteger requests = new AtomicInteger();
    Exchange exchange = policies.run(() -> send(request, requests));
    LanguageUpdate outcome;
    String detail;
    switch (exchange) {
      case NoAnswer none -> {
        outcome = LanguageUpdate.UNAVAILABLE;
        detail = none.reason();
      }
      case Answer answer when answer.isSuccess() -> {
        reportedRefusals.clear();
        outcome = LanguageUpdate.UPDATED;
        detail = "status " + answer.status();
      }
      case Answer answer when answer.isTransient() -> {
        outcome = LanguageUpdate.UNAVAILABLE;
        detail = transientReason(answer);
      }
      case Answer answer when answer.status() == 401 || answer.status() == 403 -> {
        // Our credentials, not the update, are wrong: once they are fixed the update should go.
        reportRefusal(answer.status(), "language update");
        outcome = LanguageUpdate.UNAVAILABLE;
        detail = "status " + answer.status() + hintFor(answer.status());
      }
      case Answer answer -> {
        // 404: the Monitor does not know the tenant; another 4xx or a 3xx refuses this request.
        outcome = LanguageUpdate.REJECTED;
        detail = "status " + answer.status();
        if (answer.status() != 404) {
          reportRefusal(answer.status(), "language update");
        }
      }
    }
    Counter counter =
        switch (outcome) {
          case UPDATED -> updated;
          case REJECTED -> rejected;
          case UNAVAILABLE -> unavailable;
        };
    counter.increment();
    String outcomeName = outcome.name().toLowerCase(Locale.ROOT);
    log.atInfo()
        .addKeyValue("tenant_id", tenantId)
        .addKeyValue("outcome", outcomeName)
        .addKeyValue("attempts", requests.get())
        .log(
            "tenant language update tenant_id={} language={} outcome={} attempts={} ({})",
            tenantId,
            detection.language().code(),
            outcomeName,
            requests.get(),
            detail);
    return outcome;
  }

  /** The breaker's state; {@code OPEN} means calls currently fail without a request. */
  public CircuitState circuitState() {
    return policies.circuitState();
  }

  public LookupCounts lookupCounts() {
    return new LookupCounts((long) found.count(), (long) notFound.count(), (long) error.count());
  }

  public MonitorSettings settings() {
    return settings;
  }

  /** Closes the HTTP client; calls in flight finish within their timeout. */
  @Override
  public void close() {
    http.close();
  }

  private TenantLookup lookupVariants(List<String> variants, AtomicInteger requests) {
    for (String variant : variants) {
      if (variant == null || variant.isBlank()) {
        continue;
      }
      HttpRequest request = request(lookupUri(variant)).GET().build();
      Exchange exchange = policies.run(() -> send(request, requests));
      switch (exchange) {
        case NoAnswer none -> {
          return new TenantLookup.Unavailable(none.reason(), requests.get());
        }
        case Answer answer when answer.isSuccess() -> {
          reportedRefusals.clear();
          if (answer.oversized()) {
            return malformed("a body over " + MAX_BODY_BYTES + " bytes", variant, requests);
          }
          LookupBody body = json.readLookup(answer.body());
          switch (body) {
            case Empty empty -> {
              // Definitive for this variant; the next one may still match.
            }
            case Malformed bad -> {
              return malformed(bad.why(), variant, requests);
            }
            case Tenant tenant -> {
              if (tenant.candidates() > 1) {
                log.warn(
                    "monitor returned {} tenants for phone {}; using the first, tenant_id={}",
                    tenant.candidates(),
                    PhoneMask.mask(variant),
                    tenant.profile().tenantId());
              }
              return new TenantLookup.Found(tenant.profile(), variant, requests.get());
            }
          }
        }
        case Answer answer when answer.status() == 404 -> reportedRefusals.clear();
        case Answer answer when answer.isTransient() -> {
          return new TenantLookup.Unavailable(transientReason(answer), requests.get());
        }
        case Answer answer -> {
          reportRefusal(answer.status(), "lookup");
          return new TenantLookup.Unavailable(
              "monitor refused the lookup with status "
                  + answer.status()
                  + hintFor(answer.status()),
              requests.get());
        }
      }
    }
    return new TenantLookup.NotFound(requests.get());
  }

  private TenantLookup malformed(String why, String variant, AtomicInteger requests) {
    log.error(
        "monitor lookup answer for phone {} is not a tenant: {}", PhoneMask.mask(variant), why);
    return new TenantLookup.Unavailable("malformed monitor answer: " + why, requests.get());
  }

  private Exchange send(HttpRequest request, AtomicInteger requests)
      throws IOException, InterruptedException {
    requests.incrementAndGet();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      // A bounded read: a broken or hostile server cannot make us buffer an endless body.
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      boolean oversized = bytes.length > MAX_BODY_BYTES;
      return new Answer(
          response.statusCode(),
          oversized ? "" : new String(bytes, StandardCharsets.UTF_8),
          oversized,
          RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock));
    }
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.attemptTimeout())
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    if (settings.hasToken()) {
      builder.header("Authorization", "Bearer " + settings.token());
    }
    String requestId = MDC.get(REQUEST_ID_KEY);
    if (requestId != null && !requestId.isBlank()) {
      // Lets the Monitor's logs be joined with ours.
      builder.header("X-Request-Id", requestId);
    }
    return builder;
  }

  private URI lookupUri(String variant) {
    String path = settings.lookupPath();
    if (path.contains(MonitorSettings.PHONE_PLACEHOLDER)) {
      return URI.create(
          base + path.replace(MonitorSettings.PHONE_PLACEHOLDER, encodePathSegment(variant)));
    }
    String separator = path.contains("?") ? "&" : "?";
    return URI.create(
        base + path + separator + "phone=" + URLEncoder.encode(variant, StandardCharsets.UTF_8));
  }

  private URI tenantUri(String tenantId) {
    return URI.create(
        base
            + settings
                .tenantPath()
                .replace(MonitorSettings.TENANT_ID_PLACEHOLDER, encodePathSegment(tenantId)));
  }

  private URI languageUri(String tenantId) {
    return URI.create(
        base
            + settings
                .languagePath()
                .replace(MonitorSettings.TENANT_ID_PLACEHOLDER, encodePathSegment(tenantId)));
  }

  private static String encodePathSegment(String value) {
    // URLEncoder writes form encoding; in a path a space is %20, not '+'.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String transientReason(Answer answer) {
    if (answer.retryAfter() != null
        && answer.retryAfter().compareTo(settings.retryAfterLimit()) > 0) {
      return "monitor answered "
          + answer.status()
          + " asking to retry after "
          + answer.retryAfter().toSeconds()
          + " s, longer than the "
          + settings.retryAfterLimit().toMillis()
          + " ms a call waits";
    }
    return "monitor answered " + answer.status() + " to every attempt";
  }

  private void reportRefusal(int status, String what) {
    // Once per status until the Monitor accepts a request again: a wrong token would otherwise
    // log an ERROR for every message.
    if (reportedRefusals.add(status)) {
      log.error(
          "monitor at {} refused the {} with status {}{}; not retried until the settings change",
          settings.baseUrl(),
          what,
          status,
          hintFor(status));
    } else {
      log.debug("monitor refused the {} with status {} again", what, status);
    }
  }

  private static String hintFor(int status) {
    return switch (status) {
      case 401 -> " (MONITOR_API_TOKEN missing or not accepted)";
      case 403 -> " (MONITOR_API_TOKEN lacks permission)";
      case 400, 405, 422 -> " (request shape or path template does not match the monitor)";
      default -> status >= 300 && status < 400 ? " (redirect: check MONITOR_API_URL)" : "";
    };
  }

  private void logLookup(TenantLookup result, String firstVariant) {
    String outcome;
    String phone;
    String detail;
    switch (result) {
      case TenantLookup.Found hit -> {
        found.increment();
        outcome = "found";
        phone = PhoneMask.mask(hit.matchedVariant());
        detail = "tenant_id=" + hit.tenant().tenantId();
      }
      case TenantLookup.NotFound miss -> {
        notFound.increment();
        outcome = "not_found";
        phone = PhoneMask.mask(firstVariant);
        detail = "no variant matched";
      }
      case TenantLookup.Unavailable down -> {
        error.increment();
        outcome = "error";
        phone = PhoneMask.mask(firstVariant);
        detail = down.reason();
      }
    }
    String requestId = MDC.get(REQUEST_ID_KEY);
    log.atInfo()
        .addKeyValue("outcome", outcome)
        .addKeyValue("phone", phone)
        .addKeyValue("attempts", result.attempts())
        .log(
            "tenant lookup request_id={} phone={} outcome={} attempts={} ({})",
            requestId == null ? "-" : requestId,
            phone,
            outcome,
            result.attempts(),
            detail);
  }

  private static Counter lookupCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("sms.tenant.lookups")
        .description("Tenant lookups against the Collections Monitor, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter updateCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("sms.tenant.language.updates")
        .description("Tenant language updates sent to the Collections Monitor, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
