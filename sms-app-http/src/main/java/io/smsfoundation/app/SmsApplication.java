package io.smsfoundation.app;

import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.EmbeddedPostgresServer;
import io.smsfoundation.adapter.postgres.PostgresAdapters;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresJobQueue;
import io.smsfoundation.adapter.postgres.PostgresSchema;
import io.smsfoundation.adapter.twilio.TwilioSettings;
import io.smsfoundation.adapter.twilio.TwilioSignatureVerifier;
import io.smsfoundation.adapter.twilio.TwilioSmsGateway;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.LocalCredentials;
import io.smsfoundation.app.health.CachedProbe;
import io.smsfoundation.app.health.Health;
import io.smsfoundation.app.http.ApiKeys;
import io.smsfoundation.app.http.ConversationEndpoint;
import io.smsfoundation.app.http.HealthEndpoint;
import io.smsfoundation.app.http.HttpServer;
import io.smsfoundation.app.http.InboundSmsEndpoint;
import io.smsfoundation.app.http.JsonCodec;
import io.smsfoundation.app.http.MessageEndpoint;
import io.smsfoundation.app.http.Route;
import io.smsfoundation.app.http.Route.Access;
import io.smsfoundation.app.http.SendRateLimiter;
import io.smsfoundation.app.http.SendSmsEndpoint;
import io.smsfoundation.app.http.StatusCallbackEndpoint;
import io.smsfoundation.app.http.WebhookSignatures;
import io.smsfoundation.app.http.WorkflowEndpoint;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.service.SmsServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every object of the service with {@code new} from one {@link
 * AppConfig}, starts them in dependency order and stops them in reverse. Nothing else in the
 * service creates adapters or services. Not thread-safe beyond {@link #start} and {@link #stop}
 * being synchronized.
 */
public final class SmsApplication {

  private static final Logger LOG = LoggerFactory.getLogger(SmsApplication.class);

  /** How often conversations without a tenant are looked up again. */
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(5);

  /** How many unknown conversations one reconciliation run schedules at most. */
  static final int RECONCILE_BATCH = 500;

  /** How long a stop waits for requests in flight. */
  static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

  /** How long a send request waits for its send job, to answer with the Twilio SID. */
  static final Duration SEND_WAIT = Duration.ofSeconds(2);

  /** How long an unknown conversation must be quiet before reconciliation asks again. */
  static final Duration RECONCILE_QUIET_FOR = Duration.ofMinutes(10);

  /** A database check is reused this long, and waited for at most {@link #HEALTH_BUDGET}. */
  static final Duration HEALTH_FRESH_FOR = Duration.ofSeconds(1);

  static final Duration HEALTH_BUDGET = Duration.ofSeconds(1);

  private final AppConfig config;
  private final Clock clock;
  private final Deque<Stoppable> started = new ArrayDeque<>();

  private HttpServer http;
  private URI publicBaseUrl;
  private LocalCredentials localCredentials;
  private boolean running;
  private String twilioHealth;
  private Supplier<String> directoryHealth;

  /** One step of shutting down, with a name for the log. */
  private record Stoppable(String name, AutoCloseable action) {}

  public SmsApplication(AppConfig config) {
    this(config, Clock.systemUTC());
  }

  public SmsApplication(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts the database, the services, the HTTP server and the background jobs.
   *
   * @throws RuntimeException when something cannot start; whatever had started is stopped again
   */
  public synchronized SmsApplication start() {
    if (running) {
      return this;
    }
    try {
      doStart();
      running = true;
      return this;
    } catch (RuntimeException | Error failure) {
      stopAll();
      throw failure;
    }
  }

  private void doStart() {
    if (config.isLocal()) {
      localCredentials = LocalCredentials.loadOrCreate(config.dataDir());
    }
    int port = config.port() == 0 ? freePort() : config.port();
    publicBaseUrl =
        config.publicBaseUrl() != null
            ? config.publicBaseUrl()
            : URI.create("http://localhost:" + port);
    String authToken = authToken();

    HikariDataSource pool = openDatabase();
    PostgresAdapters postgres = PostgresAdapters.create(pool);
    PostgresJobQueue jobQueue = postgres.jobQueue(PostgresJobQueue.Settings.defaults());
    TwilioSmsGateway gateway = twilioGateway(authToken);
    TenantDirectory directory = tenantDirectory(postgres);

    SmsServices services =
        SmsServices.create(
            new SmsServices.Ports(
                postgres.unitOfWork(),
                postgres.conversations(),
                postgres.messages(),
                postgres.tenantNumbers(),
                directory,
                gateway,
                jobQueue),
            new SmsServices.Settings(
                new PhoneNumbers(config.defaultRegion()),
                new LanguageDetector(),
                SEND_WAIT,
                RECONCILE_QUIET_FOR,
                clock));

    JsonCodec json = new JsonCodec();
    WebhookSignatures signatures =
        new TwilioSignatureVerifier(publicBaseUrl, authToken, config.twilio().authTokenSecondary())
            ::isValid;
    Health health = health(pool, directory);
    List<Route> routes = routes(services, signatures, health, json);

    jobQueue.scheduleRecurring(
        "reconcile-unknown-conversations",
        RECONCILE_EVERY,
        () -> services.reconcileUnknownConversations().reconcile(RECONCILE_BATCH));
    // Stopped after the HTTP server, so that a send request in flight still gets its send job.
    started.push(new Stoppable("job queue", jobQueue::stop));
    http = new HttpServer(routes, new ApiKeys(apiKeys()), json, clock, GRACE_PERIOD);
    http.start("0.0.0.0", port);
    started.push(new Stoppable("HTTP server", http::stop));
    jobQueue.start(services.jobHandler());

    LOG.info(
        "sms foundation started mode={} port={} public_base_url={} tenant_directory={}",
        config.mode().name().toLowerCase(Locale.ROOT),
        http.port(),
        publicBaseUrl,
        config.tenantDirectory().name().toLowerCase(Locale.ROOT));
  }

  /**
   * The pool on {@code DATABASE_URL}, or on an embedded PostgreSQL keeping its data in the data
   * directory; the schema is migrated before anything uses it.
   */
  private HikariDataSource openDatabase() {
    DatabaseUrl url;
    if (config.databaseUrl() == null) {
      EmbeddedPostgresServer embedded =
          EmbeddedPostgresServer.start(config.dataDir(), embeddedDatabasePort())
              .stopOnlyWhenClosed();
      started.push(new Stoppable("embedded PostgreSQL", embedded));
      url = embedded.databaseUrl();
    } else {
      url = DatabaseUrl.parse(config.databaseUrl());
    }
    HikariDataSource pool =
        PostgresDataSources.create(url, config.dbPoolSize(), "sms-postgres", null);
    started.push(new Stoppable("database pool", pool));
    String schema = url.parameters().getOrDefault("currentSchema", "public").split(",")[0].strip();
    PostgresSchema.migrate(pool, schema);
    return pool;
  }

  /**
   * The embedded server's usual port, so that {@code psql -p 54329} finds it; any free port when
   * another program holds that one.
   */
  private static int embeddedDatabasePort() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(
          new InetSocketAddress(
              InetAddress.getLoopbackAddress(), EmbeddedPostgresServer.DEFAULT_PORT));
      return EmbeddedPostgresServer.DEFAULT_PORT;
    } catch (IOException taken) {
      return 0;
    }
  }

  /** Twilio itself, or in local mode the in-process emulator unless another one is named. */
  private TwilioSmsGateway twilioGateway(String authToken) {
    String accountSid =
        config.twilio().accountSid() != null
            ? config.twilio().accountSid()
            : localCredentials.accountSid();
    URI apiBaseUrl = config.twilio().apiBaseUrl();
    twilioHealth = apiBaseUrl == null ? "configured" : "api_base_url";
    if (config.isLocal() && apiBaseUrl == null) {
      TwilioEmulator emulator =
          TwilioEmulator.builder().accountSid(accountSid).authToken(authToken).start();
      started.push(new Stoppable("Twilio emulator", emulator));
      apiBaseUrl = URI.create(emulator.baseUrl());
      twilioHealth = "emulator";
    }
    TwilioSmsGateway gateway =
        TwilioSmsGateway.create(
            TwilioSettings.of(
                accountSid,
                authToken,
                config.twilio().phoneNumber(),
                config.twilio().messagingServiceSid(),
                apiBaseUrl,
                publicBaseUrl));
    started.push(new Stoppable("Twilio gateway", gateway));
    return gateway;
  }

  private TenantDirectory tenantDirectory(PostgresAdapters postgres) {
    return switch (config.tenantDirectory()) {
      case MONITOR -> {
        MonitorTenantDirectory monitor = new MonitorTenantDirectory(config.monitor().settings());
        started.push(new Stoppable("Monitor client", monitor));
        directoryHealth = () -> monitorHealth(monitor.circuitState());
        yield monitor;
      }
      case POSTGRES -> {
        directoryHealth = () -> "tenant_profiles";
        yield postgres.tenantDirectory();
      }
      case NONE -> {
        directoryHealth = () -> "not_configured";
        yield TenantDirectory.none();
      }
    };
  }

  private Health health(HikariDataSource pool, TenantDirectory directory) {
    ExecutorService probes =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("health-probe").factory());
    started.push(new Stoppable("health probes", probes::shutdownNow));
    CachedProbe database =
        new CachedProbe(
            () -> {
              try (Connection connection = pool.getConnection()) {
                if (!connection.isValid(1)) {
                  throw new SQLException("the connection is not valid");
                }
              }
            },
            HEALTH_FRESH_FOR,
            HEALTH_BUDGET,
            probes,
            System::nanoTime);
    String twilio = twilioHealth;
    return new Health(version(), database, () -> twilio, directoryHealth);
  }

  private List<Route> routes(
      SmsServices services, WebhookSignatures signatures, Health health, JsonCodec json) {
    return List.of(
        Route.post(
            "/webhook/twilio/sms",
            Access.PUBLIC,
            new InboundSmsEndpoint(services.receiveInbound(), signatures)),
        Route.post(
            "/webhook/twilio/status",
            Access.PUBLIC,
            new StatusCallbackEndpoint(services.recordDeliveryStatus(), signatures)),
        Route.post(
            "/sms/send",
            Access.API_KEY,
            new SendSmsEndpoint(
                services.sendSms(),
                new SendRateLimiter(config.sendRatePerMinute(), System::nanoTime),
                json)),
        Route.get(
            "/messages/{id}", Access.API_KEY, new MessageEndpoint(services.readMessage(), json)),
        Route.get(
            "/conversations/{phone}",
            Access.API_KEY,
            new ConversationEndpoint(services.readConversation(), json)),
        Route.put(
            "/conversations/{phone}/workflow",
            Access.API_KEY,
            new WorkflowEndpoint(services.setWorkflow(), json)),
        Route.get("/health", Access.PUBLIC, new HealthEndpoint(health, json)));
  }

  /** The configured API keys, or in local mode without any the generated one. */
  private List<String> apiKeys() {
    return config.apiKeys().isEmpty() && localCredentials != null
        ? List.of(localCredentials.apiKey())
        : config.apiKeys();
  }

  /** Stops everything in reverse order of starting; requests in flight finish first. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    stopAll();
    LOG.info("sms foundation stopped");
  }

  private void stopAll() {
    while (!started.isEmpty()) {
      Stoppable step = started.pop();
      try {
        step.action().close();
      } catch (Exception e) {
        LOG.warn("stopping the {} failed", step.name(), e);
      }
    }
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return http.port();
  }

  /** The URL under which Twilio reaches the service. */
  public URI publicBaseUrl() {
    return publicBaseUrl;
  }

  /** The generated local-mode credentials, empty in production mode. */
  public Optional<LocalCredentials> localCredentials() {
    return Optional.ofNullable(localCredentials);
  }

  /** The auth token that signs webhooks: configured, or generated in local mode. */
  private String authToken() {
    if (config.twilio().authToken() != null) {
      return config.twilio().authToken();
    }
    return localCredentials.authToken();
  }

  public AppConfig config() {
    return config;
  }

  private static String monitorHealth(MonitorTenantDirectory.CircuitState state) {
    return switch (state) {
      case CLOSED -> "ok";
      case HALF_OPEN -> "recovering";
      case OPEN -> "circuit_open";
    };
  }

  /** The version in the jar's manifest, {@code dev} when run from classes. */
  static String version() {
    String version = SmsApplication.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /**
   * A port that is free now. The service must know its own URL before it listens (the gateway puts
   * it in every status callback URL), so with {@code PORT=0} it picks one first.
   */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
