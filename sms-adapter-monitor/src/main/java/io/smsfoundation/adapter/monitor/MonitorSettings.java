package io.smsfoundation.adapter.monitor;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Collections Monitor and how hard to try: endpoint, bearer token, path templates,
 * per-attempt timeout, retry backoff and circuit breaker. An immutable, validated value; {@link
 * #toString()} never shows the token.
 *
 * @param baseUrl absolute {@code http} or {@code https} URL the paths are appended to; it may carry
 *     a path prefix such as {@code https://monitor.example.com/api/v1}
 * @param token bearer token sent as {@code Authorization: Bearer <token>}; blank or {@code null}
 *     sends no {@code Authorization} header
 * @param lookupPath path of the lookup; the phone goes into a {@code {phone}} placeholder when the
 *     template has one, else into a {@code phone} query parameter
 * @param languagePath path of the language-preference update, with a {@code {tenant_id}}
 *     placeholder
 * @param attemptTimeout longest one attempt may take (connect, response headers and body)
 * @param maxAttempts requests per call, the first one included
 * @param backoffInitial delay before the first retry; it doubles up to {@code backoffMax}
 * @param backoffMax longest delay between two attempts, jitter included
 * @param jitterFactor each delay is randomized by plus or minus this fraction (0 to 1)
 * @param retryAfterLimit longest {@code Retry-After} that is waited for; a longer one ends the call
 *     as unavailable at once so that the caller's own, slower retry takes over
 * @param breakerFailureThreshold failed attempts among the last {@code breakerWindow} that open the
 *     circuit
 * @param breakerWindow how many recent attempts the breaker looks at
 * @param breakerDelay how long an open circuit fails fast before it lets one probe through
 * @param breakerSuccessThreshold successful probes that close a half-open circuit
 * @param tenantPath path of the read of one tenant by id, with a {@code {tenant_id}} placeholder
 * @param lookupBudget longest one whole call may take (a lookup with all its variants, or a tenant
 *     read), attempts and the waits between them included
 */
public record MonitorSettings(
    URI baseUrl,
    String token,
    String lookupPath,
    String languagePath,
    Duration attemptTimeout,
    int maxAttempts,
    Duration backoffInitial,
    Duration backoffMax,
    double jitterFactor,
    Duration retryAfterLimit,
    int breakerFailureThreshold,
    int breakerWindow,
    Duration breakerDelay,
    int breakerSuccessThreshold,
    String tenantPath,
    Duration lookupBudget) {

  public static final String ENV_URL = "MONITOR_API_URL";
  public static final String ENV_TOKEN = "MONITOR_API_TOKEN";
  public static final String ENV_LOOKUP_PATH = "MONITOR_LOOKUP_PATH";
  public static final String ENV_LANGUAGE_PATH = "MONITOR_LANGUAGE_PATH";
  public static final String ENV_TENANT_PATH = "MONITOR_TENANT_PATH";
  public static final String ENV_LOOKUP_BUDGET = "MONITOR_LOOKUP_BUDGET";

  public static final String DEFAULT_LOOKUP_PATH = "/tenants/lookup";
  public static final String DEFAULT_LANGUAGE_PATH = "/tenants/{tenant_id}/language-preference";
  public static final String DEFAULT_TENANT_PATH = "/tenants/{tenant_id}";
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  public static final Duration DEFAULT_LOOKUP_BUDGET = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(2);
  public static final double DEFAULT_JITTER_FACTOR = 0.25;
  public static final Duration DEFAULT_RETRY_AFTER_LIMIT = Duration.ofSeconds(2);
  public static final int DEFAULT_BREAKER_FAILURE_THRESHOLD = 5;
  public static final int DEFAULT_BREAKER_WINDOW = 10;
  public static final Duration DEFAULT_BREAKER_DELAY = Duration.ofSeconds(30);
  public static final int DEFAULT_BREAKER_SUCCESS_THRESHOLD = 1;

  static final String TENANT_ID_PLACEHOLDER = "{tenant_id}";
  static final String PHONE_PLACEHOLDER = "{phone}";

  public MonitorSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    validateBaseUrl(baseUrl);
    token = token == null ? "" : token.strip();
    lookupPath = lookupPath == null || lookupPath.isBlank() ? DEFAULT_LOOKUP_PATH : lookupPath;
    languagePath =
        languagePath == null || languagePath.isBlank() ? DEFAULT_LANGUAGE_PATH : languagePath;
    if (!lookupPath.startsWith("/")) {
      throw new IllegalArgumentException("the lookup path must start with '/': " + lookupPath);
    }
    if (!languagePath.startsWith("/")) {
      throw new IllegalArgumentException("the language path must start with '/': " + languagePath);
    }
    tenantPath = tenantPath == null || tenantPath.isBlank() ? DEFAULT_TENANT_PATH : tenantPath;
    if (!tenantPath.startsWith("/") || !tenantPath.contains(TENANT_ID_PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "the tenant path must start with '/' and contain "
              + TENANT_ID_PLACEHOLDER
              + ": "
              + tenantPath);
    }
    requireUsablePath(tenantPath.replace(TENANT_ID_PLACEHOLDER, "x"), "tenant");
    requirePositive(lookupBudget, "lookupBudget");
    if (!languagePath.contains(TENANT_ID_PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "the language path must contain " + TENANT_ID_PLACEHOLDER + ": " + languagePath);
    }
    requireUsablePath(lookupPath.replace(PHONE_PLACEHOLDER, "x"), "lookup");
    requireUsablePath(languagePath.replace(TENANT_ID_PLACEHOLDER, "x"), "language");
    requirePositive(attemptTimeout, "attemptTimeout");
    requirePositive(backoffInitial, "backoffInitial");
    requirePositive(backoffMax, "backoffMax");
    requirePositive(breakerDelay, "breakerDelay");
    Objects.requireNonNull(retryAfterLimit, "retryAfterLimit");
    if (retryAfterLimit.isNegative()) {
      throw new IllegalArgumentException("retryAfterLimit cannot be negative");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax must be at least backoffInitial");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (!(jitterFactor >= 0.0 && jitterFactor <= 1.0)) {
      throw new IllegalArgumentException("jitterFactor must be in [0, 1]: " + jitterFactor);
    }
    if (breakerWindow < 1
        || breakerFailureThreshold < 1
        || breakerFailureThreshold > breakerWindow) {
      throw new IllegalArgumentException(
          "the breaker needs 1 <= breakerFailureThreshold <= breakerWindow, got "
              + breakerFailureThreshold
              + " of "
              + breakerWindow);
    }
    if (breakerSuccessThreshold < 1) {
      throw new IllegalArgumentException("breakerSuccessThreshold must be at least 1");
    }
  }

  /**
   * The defaults of the design (1.5 s per attempt, 4 attempts, 10 s per call, 5 failures of 10 open
   * for 30 s).
   */
  public static MonitorSettings defaults(URI baseUrl) {
    return new MonitorSettings(
        baseUrl,
        "",
        DEFAULT_LOOKUP_PATH,
        DEFAULT_LANGUAGE_PATH,
        DEFAULT_ATTEMPT_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_INITIAL,
        DEFAULT_BACKOFF_MAX,
        DEFAULT_JITTER_FACTOR,
        DEFAULT_RETRY_AFTER_LIMIT,
        DEFAULT_BREAKER_FAILURE_THRESHOLD,
        DEFAULT_BREAKER_WINDOW,
        DEFAULT_BREAKER_DELAY,
        DEFAULT_BREAKER_SUCCESS_THRESHOLD,
        DEFAULT_TENANT_PATH,
        DEFAULT_LOOKUP_BUDGET);
  }

  /**
   * Reads {@code MONITOR_API_URL} (required), {@code MONITOR_API_TOKEN}, {@code
   * MONITOR_LOOKUP_PATH} and {@code MONITOR_LANGUAGE_PATH}; the policies keep their defaults.
   *
   * @throws IllegalArgumentException naming the variable that is missing or invalid
   */
  public static MonitorSettings fromEnvironment(Map<String, String> env) {
    String url = env.get(ENV_URL);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(ENV_URL + " is required for the monitor directory");
    }
    URI baseUrl;
    try {
      baseUrl = new URI(url.strip());
      validateBaseUrl(baseUrl);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV_URL + " is not usable: " + e.getMessage(), e);
    }
    MonitorSettings settings = defaults(baseUrl).withToken(env.get(ENV_TOKEN));
    try {
      settings = settings.withLookupPath(env.get(ENV_LOOKUP_PATH));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV_LOOKUP_PATH + ": " + e.getMessage(), e);
    }
    try {
      settings = settings.withLanguagePath(env.get(ENV_LANGUAGE_PATH));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV_LANGUAGE_PATH + ": " + e.getMessage(), e);
    }
    try {
      return settings.withTenantPath(env.get(ENV_TENANT_PATH));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV_TENANT_PATH + ": " + e.getMessage(), e);
    }
  }

  public boolean hasToken() {
    return !token.isEmpty();
  }

  public MonitorSettings withToken(String newToken) {
    return new MonitorSettings(
        baseUrl,
        newToken,
        lookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  /** {@code null} or blank keeps the default. */
  public MonitorSettings withLookupPath(String newLookupPath) {
    return new MonitorSettings(
        baseUrl,
        token,
        newLookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  /** {@code null} or blank keeps the default. */
  public MonitorSettings withLanguagePath(String newLanguagePath) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        newLanguagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  /** {@code null} or blank keeps the default. */
  public MonitorSettings withTenantPath(String newTenantPath) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        newTenantPath,
        lookupBudget);
  }

  public MonitorSettings withLookupBudget(Duration newLookupBudget) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        newLookupBudget);
  }

  public MonitorSettings withAttemptTimeout(Duration newAttemptTimeout) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        newAttemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  public MonitorSettings withRetries(int newMaxAttempts, Duration newInitial, Duration newMax) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        attemptTimeout,
        newMaxAttempts,
        newInitial,
        newMax,
        jitterFactor,
        retryAfterLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  public MonitorSettings withRetryAfterLimit(Duration newLimit) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        newLimit,
        breakerFailureThreshold,
        breakerWindow,
        breakerDelay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  public MonitorSettings withBreaker(int failureThreshold, int window, Duration delay) {
    return new MonitorSettings(
        baseUrl,
        token,
        lookupPath,
        languagePath,
        attemptTimeout,
        maxAttempts,
        backoffInitial,
        backoffMax,
        jitterFactor,
        retryAfterLimit,
        failureThreshold,
        window,
        delay,
        breakerSuccessThreshold,
        tenantPath,
        lookupBudget);
  }

  @Override
  public String toString() {
    return "MonitorSettings[baseUrl="
        + baseUrl
        + ", token="
        + (hasToken() ? "(set)" : "(none)")
        + ", lookupPath="
        + lookupPath
        + ", languagePath="
        + languagePath
        + ", attemptTimeout="
        + attemptTimeout
        + ", maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoffInitial
        + ".."
        + backoffMax
        + ", jitterFactor="
        + jitterFactor
        + ", retryAfterLimit="
        + retryAfterLimit
        + ", breaker="
        + breakerFailureThreshold
        + "/"
        + breakerWindow
        + " for "
        + breakerDelay
        + ", breakerSuccessThreshold="
        + breakerSuccessThreshold
        + ", tenantPath="
        + tenantPath
        + ", lookupBudget="
        + lookupBudget
        + "]";
  }

  private static void validateBaseUrl(URI url) {
    // Checked first so that no message below echoes a URL with a password in it.
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the monitor URL cannot carry credentials; set " + ENV_TOKEN + " instead");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("the monitor URL must be an absolute http(s) URL: " + url);
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new IllegalArgumentException("the monitor URL has no host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the monitor URL cannot carry a query or fragment: " + url);
    }
  }

  private static void requireUsablePath(String path, String which) {
    // Checked here so that a bad template stops the start, not every later request.
    try {
      new URI("http://monitor" + path);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "the " + which + " path is not a valid URL path: " + e.getMessage(), e);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
