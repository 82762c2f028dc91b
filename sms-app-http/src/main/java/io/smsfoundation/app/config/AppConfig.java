package io.smsfoundation.app.config;

import io.smsfoundation.adapter.monitor.MonitorSettings;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.app.http.ClientAddresses;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.service.SmsServices;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The service's whole configuration, read from the environment in one place ({@link
 * #fromEnvironment}) and validated there: a bad value is refused with a message naming its
 * variable. {@link #toString()} never shows a secret. Immutable.
 *
 * @param publicBaseUrl the URL under which Twilio reaches the service, or {@code null} in local
 *     mode when not given (the service's own {@code http://localhost:<port>} is used)
 * @param databaseUrl the PostgreSQL connection string, or {@code null} for the embedded PostgreSQL
 *     kept in {@code dataDir}
 * @param apiKeys the keys callers present; may be empty only in local mode, where one is generated
 * @param sendRatePerMinute how many sends one API key may make per minute (token bucket)
 * @param usageAlertSegmentsPerDay the segments a UTC day may use before {@code
 *     usage.threshold_reached} is emitted; {@code 0} for no alert
 * @param metricsToken the bearer token {@code GET /metrics} requires, or {@code null} when it is
 *     open (for a scraper on a private network)
 * @param tenants how tenant links are kept true: re-verification, reconciliation, directory cache
 * @param replies what senders are answered, and the inbound rate per sender
 * @param invalidSignaturesPerMinute bad webhook signatures a client address may send a minute
 *     before it is refused for a minute; {@code 0} for no limit
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} is believed, comma-separated
 *     addresses and CIDR networks, or {@code null}
 * @param managementPort the port that serves {@code /metrics} instead of {@link #port}, or {@code
 *     null} to serve it on {@link #port}
 * @param voice where inbound calls are routed
 */
public record AppConfig(
    Mode mode,
    int port,
    URI publicBaseUrl,
    String databaseUrl,
    int dbPoolSize,
    Path dataDir,
    Twilio twilio,
    Monitor monitor,
    TenantDirectoryKind tenantDirectory,
    List<String> apiKeys,
    String defaultRegion,
    LogFormat logFormat,
    int sendRatePerMinute,
    long usageAlertSegmentsPerDay,
    String metricsToken,
    Tenants tenants,
    ReplyConfig replies,
    int invalidSignaturesPerMinute,
    String trustedProxies,
    Integer managementPort,
    VoiceConfig voice) {

  public static final String SMS_MODE = "SMS_MODE";
  public static final String PORT = "PORT";
  public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String DB_POOL_SIZE = "DB_POOL_SIZE";
  public static final String SMS_DATA_DIR = "SMS_DATA_DIR";
  public static final String TWILIO_ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
  public static final String TWILIO_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
  public static final String TWILIO_AUTH_TOKEN_SECONDARY = "TWILIO_AUTH_TOKEN_SECONDARY";
  public static final String TWILIO_PHONE_NUMBER = "TWILIO_PHONE_NUMBER";
  public static final String TWILIO_MESSAGING_SERVICE_SID = "TWILIO_MESSAGING_SERVICE_SID";
  public static final String TWILIO_API_BASE_URL = "TWILIO_API_BASE_URL";
  public static final String SMS_UNKNOWN_SEND_FIRST_CHECK = "SMS_UNKNOWN_SEND_FIRST_CHECK";
  public static final String SMS_UNKNOWN_SEND_SECOND_CHECK = "SMS_UNKNOWN_SEND_SECOND_CHECK";
  public static final String MONITOR_API_URL = "MONITOR_API_URL";
  public static final String MONITOR_API_TOKEN = "MONITOR_API_TOKEN";
  public static final String MONITOR_LOOKUP_PATH = "MONITOR_LOOKUP_PATH";
  public static final String MONITOR_LANGUAGE_PATH = "MONITOR_LANGUAGE_PATH";
  public static final String TENANT_DIRECTORY = "TENANT_DIRECTORY";
  public static final String SMS_API_KEYS = "SMS_API_KEYS";
  public static final String DEFAULT_REGION = "DEFAULT_REGION";
  public static final String LOG_FORMAT = "LOG_FORMAT";
  public static final String SMS_SEND_RATE_PER_MINUTE = "SMS_SEND_RATE_PER_MINUTE";
  public static final String METRICS_TOKEN = "METRICS_TOKEN";
  public static final String SMS_USAGE_ALERT_SEGMENTS_PER_DAY = "SMS_USAGE_ALERT_SEGMENTS_PER_DAY";
  public static final String MONITOR_TENANT_PATH = "MONITOR_TENANT_PATH";
  public static final String MONITOR_LOOKUP_BUDGET = "MONITOR_LOOKUP_BUDGET";
  public static final String TENANT_LINK_TTL = "TENANT_LINK_TTL";
  public static final String TENANT_CACHE_TTL = "TENANT_CACHE_TTL";
  public static final String TENANT_CACHE_SIZE = "TENANT_CACHE_SIZE";
  public static final String RECONCILE_INTERVAL = "RECONCILE_INTERVAL";
  public static final String RECONCILE_BATCH_SIZE = "RECONCILE_BATCH_SIZE";
  public static final String SMS_INVALID_SIGNATURES_PER_MINUTE =
      "SMS_INVALID_SIGNATURES_PER_MINUTE";
  public static final String TRUSTED_PROXIES = "TRUSTED_PROXIES";
  public static final int DEFAULT_INVALID_SIGNATURES_PER_MINUTE = 30;
  public static final String MANAGEMENT_PORT = "MANAGEMENT_PORT";

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final String DEFAULT_DATA_DIR = ".sms-data";
  public static final int DEFAULT_SEND_RATE_PER_MINUTE = 600;

  /** Long enough that a key cannot be guessed; callers generate them, they do not choose them. */
  public static final int MIN_API_KEY_LENGTH = 16;

  /** Twilio's sandbox "from" number: the emulator accepts it like any other. */
  public static final String LOCAL_PHONE_NUMBER = "+15005550006";

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern KEY_CHARACTERS = Pattern.compile("[\\x21-\\x7e]+");
  private static final Pattern SIMPLE_DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

  public AppConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(twilio, "twilio");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(tenantDirectory, "tenantDirectory");
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(tenants, "tenants");
    apiKeys = List.copyOf(apiKeys);
    voice = voice == null ? VoiceConfig.defaults() : voice;
  }

  /**
   * How tenant links are kept true.
   *
   * @param linkTtl how long a link the directory made holds before the next inbound message has it
   *     verified again
   * @param cacheTtl how long a found answer of the directory is kept; zero turns the cache off
   * @param cacheSize how many numbers' answers the cache keeps at most
   * @param reconcileEvery how often the reconciliation of conversations without a tenant runs
   * @param reconcileBatch how many due conversations one reconciliation run schedules at most
   */
  public record Tenants(
      Duration linkTtl,
      Duration cacheTtl,
      int cacheSize,
      Duration reconcileEvery,
      int reconcileBatch) {

    public static final Duration DEFAULT_LINK_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);

    /** "Not found" is kept this long, or less when the cache keeps found answers for less. */
    public static final Duration NOT_FOUND_CACHE_TTL = Duration.ofMinutes(5);

    public static final int DEFAULT_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(5);
    public static final int DEFAULT_RECONCILE_BATCH = 500;

    public Tenants {
      Objects.requireNonNull(linkTtl, "linkTtl");
      Objects.requireNonNull(cacheTtl, "cacheTtl");
      Objects.requireNonNull(reconcileEvery, "reconcileEvery");
    }

    public static Tenants defaults() {
      return new Tenants(
          DEFAULT_LINK_TTL,
          DEFAULT_CACHE_TTL,
          DEFAULT_CACHE_SIZE,
          DEFAULT_RECONCILE_EVERY,
          DEFAULT_RECONCILE_BATCH);
    }

    /** Whether directory answers are cached at all. */
    public boolean cacheEnabled() {
      return !cacheTtl.isZero();
    }

    /** How long "not found" is kept. */
    public Duration notFoundCacheTtl() {
      return cacheTtl.compareTo(NOT_FOUND_CACHE_TTL) < 0 ? cacheTtl : NOT_FOUND_CACHE_TTL;
    }
  }

  /** Local development on this machine, or production against real Twilio. */
  public enum Mode {
    /** Embedded PostgreSQL and the Twilio emulator unless told otherwise; generated secrets. */
    LOCAL,
    /** Real Twilio, an external database, explicit secrets. */
    PRODUCTION
  }

  /** Where tenants are looked up. */
  public enum TenantDirectoryKind {
    /** The Collections Monitor HTTP API. */
    MONITOR,
    /** The {@code tenant_profiles} table of the service's own database. */
    POSTGRES,
    /** No directory: conversations stay without a tenant. */
    NONE
  }

  /** How log lines are written. */
  public enum LogFormat {
    JSON,
    TEXT;

    /** {@code json} or {@code text}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Twilio account and sender. In local mode the account SID and auth token may be {@code null}:
   * the composition root then uses generated ones kept in the data directory.
   *
   * @param apiBaseUrl where API calls go instead of Twilio (an emulator), or {@code null}
   * @param unknownFirstCheck how long after a send's outcome became unknown Twilio's message list
   *     is first read to settle it
   * @param unknownSecondCheck how long after a first check that found nothing it is read again
   */
  public record Twilio(
      String accountSid,
      String authToken,
      String authTokenSecondary,
      String phoneNumber,
      String messagingServiceSid,
      URI apiBaseUrl,
      Duration unknownFirstCheck,
      Duration unknownSecondCheck) {

    @Override
    public String toString() {
      return "Twilio[accountSid="
          + accountSid
          + ", authToken="
          + (authToken == null ? "-" : "***")
          + ", authTokenSecondary="
          + (authTokenSecondary == null ? "-" : "***")
          + ", phoneNumber="
          + (phoneNumber == null ? "-" : "set")
          + ", messagingServiceSid="
          + messagingServiceSid
          + ", apiBaseUrl="
          + apiBaseUrl
          + ", unknownFirstCheck="
          + unknownFirstCheck
          + ", unknownSecondCheck="
          + unknownSecondCheck
          + "]";
    }
  }

  /**
   * The Collections Monitor API, {@code url == null} when not configured.
   *
   * @param lookupPath the lookup path template, {@code null} for the default
   * @param languagePath the language-preference path template, {@code null} for the default
   */
  public record Monitor(
      URI url,
      String token,
      String lookupPath,
      String languagePath,
      String tenantPath,
      Duration lookupBudget) {

    /** The Monitor client's settings, with the design's timeouts, retries and breaker. */
    public MonitorSettings settings() {
      return MonitorSettings.defaults(url)
          .withToken(token)
          .withLookupPath(lookupPath)
          .withLanguagePath(languagePath)
          .withTenantPath(tenantPath)
          .withLookupBudget(lookupBudget);
    }

    @Override
    public String toString() {
      return "Monitor[url="
          + url
          + ", token="
          + (token == null ? "-" : "***")
          + ", lookupPath="
          + lookupPath
          + ", languagePath="
          + languagePath
          + ", tenantPath="
          + tenantPath
          + ", lookupBudget="
          + lookupBudget
          + "]";
    }
  }

  /** Whether the service runs in {@link Mode#LOCAL}. */
  public boolean isLocal() {
    return mode == Mode.LOCAL;
  }

  /** This configuration listening on another port (tests use 0 for a free one). */
  public AppConfig withPort(int newPort) {
    return new AppConfig(
        mode,
        newPort,
        publicBaseUrl,
        databaseUrl,
        dbPoolSize,
        dataDir,
        twilio,
        monitor,
        tenantDirectory,
        apiKeys,
        defaultRegion,
        logFormat,
        sendRatePerMinute,
        usageAlertSegmentsPerDay,
        metricsToken,
        tenants,
        replies,
        invalidSignaturesPerMinute,
        trustedProxies,
        managementPort,
        voice);
  }

  /**
   * Reads and validates the configuration.
   *
   * @param env the environment, usually {@code System.getenv()}
   * @throws ConfigException listing every problem found, each naming its variable
   */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    Reader read = new Reader(env);

    String modeText = read.text(SMS_MODE);
    Mode mode;
    if (modeText == null) {
      mode = read.text(TWILIO_ACCOUNT_SID) == null ? Mode.LOCAL : Mode.PRODUCTION;
    } else {
      mode = read.choice(SMS_MODE, Mode.class, Mode.LOCAL);
    }

    int port = read.integer(PORT, DEFAULT_PORT, 0, 65_535);
    URI publicBaseUrl = read.httpUrl(PUBLIC_BASE_URL);
    String databaseUrl = read.text(DATABASE_URL);
    if (databaseUrl != null) {
      read.check(databaseUrlProblem(databaseUrl), DATABASE_URL);
    }
    int poolSize = read.integer(DB_POOL_SIZE, DEFAULT_POOL_SIZE, 1, 200);
    Path dataDir = read.path(SMS_DATA_DIR, DEFAULT_DATA_DIR);

    String accountSid = read.text(TWILIO_ACCOUNT_SID);
    if (accountSid != null && !ACCOUNT_SID.matcher(accountSid).matches()) {
      read.problem(TWILIO_ACCOUNT_SID, "must be AC followed by 32 hexadecimal digits");
    }
    String authToken = read.text(TWILIO_AUTH_TOKEN);
    String authTokenSecondary = read.text(TWILIO_AUTH_TOKEN_SECONDARY);
    String phoneNumber = read.text(TWILIO_PHONE_NUMBER);
    if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
      read.problem(TWILIO_PHONE_NUMBER, "must be an E.164 number such as +15551234567");
    }
    String messagingServiceSid = read.text(TWILIO_MESSAGING_SERVICE_SID);
    if (messagingServiceSid != null
        && !MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()) {
      read.problem(TWILIO_MESSAGING_SERVICE_SID, "must be MG followed by 32 hexadecimal digits");
    }
    URI twilioApiBaseUrl = read.httpUrl(TWILIO_API_BASE_URL);
    Duration unknownFirstCheck =
        read.duration(
            SMS_UNKNOWN_SEND_FIRST_CHECK,
            SmsServices.Settings.DEFAULT_UNKNOWN_FIRST_CHECK,
            Duration.ofMillis(100),
            Duration.ofDays(1));
    Duration unknownSecondCheck =
        read.duration(
            SMS_UNKNOWN_SEND_SECOND_CHECK,
            SmsServices.Settings.DEFAULT_UNKNOWN_SECOND_CHECK,
            Duration.ofMillis(100),
            Duration.ofDays(1));

    URI monitorUrl = read.httpUrl(MONITOR_API_URL);
    String monitorToken = read.text(MONITOR_API_TOKEN);
    String lookupPath = read.text(MONITOR_LOOKUP_PATH);
    String languagePath = read.text(MONITOR_LANGUAGE_PATH);
    String tenantPath = read.text(MONITOR_TENANT_PATH);
    Duration lookupBudget =
        read.duration(
            MONITOR_LOOKUP_BUDGET,
            MonitorSettings.DEFAULT_LOOKUP_BUDGET,
            Duration.ofMillis(100),
            Duration.ofMinutes(10));
    Monitor monitor =
        new Monitor(monitorUrl, monitorToken, lookupPath, languagePath, tenantPath, lookupBudget);
    if (monitorUrl != null) {
      read.checkMonitor(monitor);
    }
    TenantDirectoryKind directory =
        read.choice(
            TENANT_DIRECTORY,
            TenantDirectoryKind.class,
            monitorUrl == null ? TenantDirectoryKind.NONE : TenantDirectoryKind.MONITOR);
    if (directory == TenantDirectoryKind.MONITOR && monitorUrl == null && read.isValid()) {
      read.problem(TENANT_DIRECTORY, "is monitor but MONITOR_API_URL is not set");
    }

    List<String> apiKeys = read.apiKeys(SMS_API_KEYS);
    String region = read.region(DEFAULT_REGION, "US");
    LogFormat logFormat = read.choice(LOG_FORMAT, LogFormat.class, LogFormat.JSON);
    int sendRate =
        read.integer(SMS_SEND_RATE_PER_MINUTE, DEFAULT_SEND_RATE_PER_MINUTE, 1, 1_000_000);
    int usageAlert = read.integer(SMS_USAGE_ALERT_SEGMENTS_PER_DAY, 0, 0, 1_000_000_000);
    String metricsToken = read.text(METRICS_TOKEN);
    if (metricsToken != null
        && (metricsToken.length() < MIN_API_KEY_LENGTH
            || !KEY_CHARACTERS.matcher(metricsToken).matches())) {
      read.problem(
          METRICS_TOKEN,
          "must be at least " + MIN_API_KEY_LENGTH + " visible ASCII characters without spaces");
    }

    Tenants tenants =
        new Tenants(
            read.duration(
                TENANT_LINK_TTL,
                Tenants.DEFAULT_LINK_TTL,
                Duration.ofSeconds(1),
                Duration.ofDays(3650)),
            read.duration(
                TENANT_CACHE_TTL, Tenants.DEFAULT_CACHE_TTL, Duration.ZERO, Duration.ofDays(1)),
            read.integer(TENANT_CACHE_SIZE, Tenants.DEFAULT_CACHE_SIZE, 1, 10_000_000),
            read.duration(
                RECONCILE_INTERVAL,
                Tenants.DEFAULT_RECONCILE_EVERY,
                Duration.ofSeconds(1),
                Duration.ofDays(1)),
            read.integer(RECONCILE_BATCH_SIZE, Tenants.DEFAULT_RECONCILE_BATCH, 1, 100_000));

    ReplyConfig replies = ReplyConfig.read(read);
    int invalidSignatures =
        read.integer(
            SMS_INVALID_SIGNATURES_PER_MINUTE, DEFAULT_INVALID_SIGNATURES_PER_MINUTE, 0, 1_000_000);
    String trustedProxies = read.text(TRUSTED_PROXIES);
    if (trustedProxies != null) {
      try {
        ClientAddresses.trusting(trustedProxies);
      } catch (IllegalArgumentException invalid) {
        read.problem(TRUSTED_PROXIES, "holds " + invalid.getMessage());
      }
    }

    Integer managementPort =
        read.text(MANAGEMENT_PORT) == null ? null : read.integer(MANAGEMENT_PORT, 0, 0, 65_535);
    if (managementPort != null && managementPort != 0 && managementPort == port) {
      read.problem(MANAGEMENT_PORT, "must differ from PORT");
    }

    VoiceConfig voice = VoiceConfig.read(read);

    if (mode == Mode.PRODUCTION) {
      if (metricsToken == null && managementPort == null) {
        read.problem(
            METRICS_TOKEN,
            "or MANAGEMENT_PORT is required in production mode (SMS_MODE=production): /metrics"
                + " would be open to anyone who reaches the service");
      }
      read.require(TWILIO_ACCOUNT_SID, "production");
      read.require(TWILIO_AUTH_TOKEN, "production");
      read.require(PUBLIC_BASE_URL, "production");
      read.require(DATABASE_URL, "production");
      if (phoneNumber == null && messagingServiceSid == null) {
        read.problem(
            TWILIO_PHONE_NUMBER,
            "or TWILIO_MESSAGING_SERVICE_SID is required in production mode (SMS_MODE=production)");
      }
      if (apiKeys.isEmpty() && read.text(SMS_API_KEYS) == null) {
        read.problem(
            SMS_API_KEYS, "needs at least one API key in production mode (SMS_MODE=production)");
      }
    }
    read.throwIfInvalid();

    return new AppConfig(
        mode,
        port,
        publicBaseUrl,
        databaseUrl,
        poolSize,
        dataDir,
        new Twilio(
            accountSid,
            authToken,
            authTokenSecondary,
            mode == Mode.LOCAL && phoneNumber == null && messagingServiceSid == null
                ? LOCAL_PHONE_NUMBER
                : phoneNumber,
            messagingServiceSid,
            twilioApiBaseUrl,
            unknownFirstCheck,
            unknownSecondCheck),
        monitor,
        directory,
        apiKeys,
        region,
        logFormat,
        sendRate,
        usageAlert,
        metricsToken,
        tenants,
        replies,
        invalidSignatures,
        trustedProxies,
        managementPort,
        voice);
  }

  /** What is wrong with a connection string, without repeating it; {@code null} when fine. */
  private static String databaseUrlProblem(String url) {
    try {
      DatabaseUrl.parse(url);
      return null;
    } catch (IllegalArgumentException invalid) {
      // DatabaseUrl's messages never contain the password
      return "is not usable: " + invalid.getMessage();
    }
  }

  @Override
  public String toString() {
    return "AppConfig[mode="
        + mode
        + ", port="
        + port
        + ", publicBaseUrl="
        + publicBaseUrl
        + ", database="
        + (databaseUrl == null ? "embedded" : "external")
        + ", dbPoolSize="
        + dbPoolSize
        + ", dataDir="
        + dataDir
        + ", "
        + twilio
        + ", "
        + monitor
        + ", tenantDirectory="
        + tenantDirectory
        + ", apiKeys="
        + apiKeys.size()
        + ", defaultRegion="
        + defaultRegion
        + ", logFormat="
        + logFormat.code()
        + ", sendRatePerMinute="
        + sendRatePerMinute
        + ", metricsToken="
        + (metricsToken == null ? "-" : "***")
        + ", "
        + tenants
        + ", "
        + replies
        + ", invalidSignaturesPerMinute="
        + invalidSignaturesPerMinute
        + ", trustedProxies="
        + trustedProxies
        + ", managementPort="
        + (managementPort == null ? "-" : managementPort)
        + ", "
        + voice
        + "]";
  }

  /** Reads variables and collects problems, so that one run reports all of them. */
  static final class Reader {

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
    }

    /** The trimmed value, {@code null} when unset or blank. */
    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    void problem(String name, String what) {
      problems.add(name + " " + what);
    }

    void check(String problem, String name) {
      if (problem != null) {
        problem(name, problem);
      }
    }

    /** The Monitor client refuses unusable path templates; name the variable that holds one. */
    void checkMonitor(Monitor monitor) {
      try {
        MonitorSettings.defaults(monitor.url());
      } catch (IllegalArgumentException e) {
        problem(MONITOR_API_URL, "is not usable: " + e.getMessage());
        return;
      }
      try {
        MonitorSettings.defaults(monitor.url()).withLookupPath(monitor.lookupPath());
      } catch (IllegalArgumentException e) {
        problem(MONITOR_LOOKUP_PATH, "is not usable: " + e.getMessage());
      }
      try {
        MonitorSettings.defaults(monitor.url()).withLanguagePath(monitor.languagePath());
      } catch (IllegalArgumentException e) {
        problem(MONITOR_LANGUAGE_PATH, "is not usable: " + e.getMessage());
      }
      try {
        MonitorSettings.defaults(monitor.url()).withTenantPath(monitor.tenantPath());
      } catch (IllegalArgumentException e) {
        problem(MONITOR_TENANT_PATH, "is not usable: " + e.getMessage());
      }
    }

    boolean isValid() {
      return problems.isEmpty();
    }

    void require(String name, String mode) {
      if (text(name) == null) {
        problem(name, "is required in " + mode + " mode (SMS_MODE=" + mode + ")");
      }
    }

    int integer(String name, int fallback, int min, int max) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      try {
        int number = Integer.parseInt(value);
        if (number >= min && number <= max) {
          return number;
        }
      } catch (NumberFormatException notANumber) {
        // reported below with the accepted range
      }
      problem(name, "must be a whole number from " + min + " to " + max + ", got '" + value + "'");
      return fallback;
    }

    /**
     * A duration: {@code 30d}, {@code 1h}, {@code 5m}, {@code 10s}, {@code 1500ms}, {@code 0}, or
     * ISO-8601 ({@code PT1H}).
     */
    Duration duration(String name, Duration fallback, Duration min, Duration max) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      Duration parsed = parseDuration(value);
      if (parsed != null && parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
        return parsed;
      }
      problem(
          name,
          "must be a duration such as 30d, 1h, 5m, 10s or 1500ms, from "
              + min
              + " to "
              + max
              + ", got '"
              + value
              + "'");
      return fallback;
    }

    static Duration parseDuration(String value) {
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      var matcher = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
      try {
        if (!matcher.matches()) {
          return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } catch (RuntimeException invalid) {
        return null;
      }
    }

    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      for (E option : type.getEnumConstants()) {
        if (option.name().equalsIgnoreCase(value)) {
          return option;
        }
      }
      List<String> options = new ArrayList<>();
      for (E option : type.getEnumConstants()) {
        options.add(option.name().toLowerCase(Locale.ROOT));
      }
      problem(name, "must be one of " + String.join(", ", options) + ", got '" + value + "'");
      return fallback;
    }

    /** An absolute http(s) URL without query or fragment, trailing slash removed. */
    URI httpUrl(String name) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      URI uri;
      try {
        uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      } catch (IllegalArgumentException malformed) {
        problem(name, "is not a valid URL");
        return null;
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problem(name, "must start with http:// or https://");
        return null;
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        problem(name, "must name a host");
        return null;
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem(name, "must not have a query string or fragment");
        return null;
      }
      if (uri.getRawUserInfo() != null) {
        problem(name, "must not contain credentials");
        return null;
      }
      // Twilio signs the URL exactly as configured there, so a path prefix is kept as written.
      return uri;
    }

    Path path(String name, String fallback) {
      String value = text(name);
      try {
        return Path.of(value == null ? fallback : value).toAbsolutePath().normalize();
      } catch (RuntimeException invalid) {
        problem(name, "is not a valid path");
        return Path.of(fallback).toAbsolutePath().normalize();
      }
    }

    List<String> apiKeys(String name) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        return List.of();
      }
      List<String> keys = new ArrayList<>();
      String[] parts = value.split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        String key = parts[i].strip();
        if (key.isEmpty()) {
          continue;
        }
        if (key.length() < MIN_API_KEY_LENGTH) {
          problem(
              name, "key #" + (i + 1) + " is shorter than " + MIN_API_KEY_LENGTH + " characters");
        } else if (!KEY_CHARACTERS.matcher(key).matches()) {
          problem(name, "key #" + (i + 1) + " may only contain visible ASCII characters");
        } else if (!keys.contains(key)) {
          keys.add(key);
        }
      }
      if (keys.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(name + " "))) {
        problem(name, "is set but holds no key");
      }
      return keys;
    }

    String region(String name, String fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      try {
        return new PhoneNumbers(value).defaultRegion();
      } catch (IllegalArgumentException unknown) {
        problem(name, "must be a two-letter region code such as US, got '" + value + "'");
        return fallback;
      }
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
  }
}
