package io.smsfoundation.app;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import io.smsfoundation.adapter.monitor.MonitorTenantDirectory;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.EmbeddedPostgresServer;
import io.smsfoundation.adapter.postgres.PostgresAdapters;
import io.smsfoundation.adapter.postgres.PostgresDataSources;
import io.smsfoundation.adapter.postgres.PostgresJobQueue;
import io.smsfoundation.adapter.postgres.PostgresSchema;
import io.smsfoundation.adapter.twilio.TwilioSettings;
import io.smsfoundation.adapter.twilio.TwilioSmsGateway;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.adapter.twilio.webhook.TwilioRequestValidator;
import io.smsfoundation.adapter.twilio.webhook.TwilioVoiceWebhooks;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhook;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhooks;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.LocalCredentials;
import io.smsfoundation.app.directory.CaffeineTenantDirectory;
import io.smsfoundation.app.events.JdkWebhookSender;
import io.smsfoundation.app.events.JsonEventPayloads;
import io.smsfoundation.app.health.DependencyChecks;
import io.smsfoundation.app.health.Health;
import io.smsfoundation.app.health.ScheduledProbe;
import io.smsfoundation.app.http.ApiKeys;
import io.smsfoundation.app.http.CallEndpoints;
import io.smsfoundation.app.http.ClientAddresses;
import io.smsfoundation.app.http.ConversationEndpoint;
import io.smsfoundation.app.http.EventsEndpoint;
import io.smsfoundation.app.http.HealthEndpoint;
import io.smsfoundation.app.http.HttpServer;
import io.smsfoundation.app.http.JsonCodec;
import io.smsfoundation.app.http.MessageEndpoint;
import io.smsfoundation.app.http.MetricsEndpoint;
import io.smsfoundation.app.http.Route;
import io.smsfoundation.app.http.Route.Access;
import io.smsfoundation.app.http.SendSmsEndpoint;
import io.smsfoundation.app.http.SubscriptionsEndpoints;
import io.smsfoundation.app.http.TenantEndpoint;
import io.smsfoundation.app.http.UsageEndpoint;
import io.smsfoundation.app.http.WorkflowEndpoint;
import io.smsfoundation.app.limits.SendRate;
import io.smsfoundation.app.metrics.DatabaseGauges;
import io.smsfoundation.app.metrics.ServiceMetrics;
import io.smsfoundation.app.twilio.BatchedAnswerTimes;
import io.smsfoundation.app.twilio.ForgedWebhookGuard;
import io.smsfoundation.app.twilio.TwilioWebhookEndpoint;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.domain.usage.UsageThreshold;
import io.smsfoundation.ports.in.ManageSubscriptions;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.out.RateLimiter;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.service.SmsServices;
import io.smsfoundation.ports.service.VoiceServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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

  /** How long a stop waits for requests in flight. */
  static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

  /** How long a send request waits for its send job, to answer with the Twilio SID. */
  static final Duration SEND_WAIT = Duration.ofSeconds(2);

  /** How often today's segments are compared with {@code SMS_USAGE_ALERT_SEGMENTS_PER_DAY}. */
  private static final Duration USAGE_CHECK_EVERY = Duration.ofMinutes(1);

  /** How long an unknown conversation must be quiet before reconciliation asks again. */
  static final Duration RECONCILE_QUIET_FOR = Duration.ofMinutes(10);

  /** How often the database is checked for health and readiness, and how long a check may take. */
  static final Duration DATABASE_CHECK_EVERY = Duration.ofSeconds(2);

  static final Duration DATABASE_CHECK_TIMEOUT = Duration.ofSeconds(2);

  /** Twilio's account is read every few minutes: often enough to notice revoked credentials. */
  static final Duration TWILIO_CHECK_EVERY = Duration.ofMinutes(5);

  /** The emulator is local and free to ask. */
  static final Duration EMULATOR_CHECK_EVERY = Duration.ofSeconds(30);

  static final Duration TWILIO_CHECK_TIMEOUT = Duration.ofSeconds(5);

  static final Duration MONITOR_CHECK_EVERY = Duration.ofMinutes(1);

  static final Duration MONITOR_CHECK_TIMEOUT = Duration.ofSeconds(3);

  /** How often the gauges that need a query (conversation counts, job backlog) are refreshed. */
  static final Duration DATABASE_GAUGES_EVERY = Duration.ofMinutes(1);

  /** How often the answer times of calls are written, all of them in one statement. */
  static final Duration ANSWER_TIMES_EVERY = Duration.ofMillis(100);

  private static final URI TWILIO_API = URI.create("https://api.twilio.com");

  private final AppConfig config;
  private final Clock clock;
  private final Deque<Stoppable> started = new ArrayDeque<>();

  private HttpServer http;
  private HttpServer management;
  private URI publicBaseUrl;
  private LocalCredentials localCredentials;
  private boolean running;
  private ServiceMetrics metrics;
  private Twilio twilio;
  private Health.DirectorySide directorySide;

  /** One step of shutting down, with a name for the log. */
  private record Stoppable(String name, AutoCloseable action) {}

  /**
   * How Twilio is reached, for the health probe.
   *
   * @param apiBaseUrl Twilio's API or an emulator
   * @param mode {@code live} or {@code emulator}
   */
  private record Twilio(URI apiBaseUrl, String accountSid, String mode) {}

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
    metrics = new ServiceMetrics();
    started.push(new Stoppable("metrics", metrics));

    HikariDataSource pool = openDatabase();
    // jobs (sends, links, deliveries) hold at most half the pool: requests always find a connection
    PostgresAdapters postgres = PostgresAdapters.create(pool, Math.max(1, config.dbPoolSize() / 2));
    PostgresJobQueue jobQueue = postgres.jobQueue(PostgresJobQueue.Settings.defaults());
    TwilioSmsGateway gateway = twilioGateway(authToken);
    TenantDirectory directory = cached(tenantDirectory(postgres));
    JsonCodec json = new JsonCodec();
    JdkWebhookSender webhookSender = new JdkWebhookSender(version());
    started.push(new Stoppable("webhook sender", webhookSender));
    postgres.events().start();
    started.push(new Stoppable("event sequencer", postgres.events()));

    // The decorators count what happens (docs/operations.md lists the meters); the services and
    // adapters underneath know nothing of metrics.
    SmsServices.Ports ports =
        new SmsServices.Ports(
            metrics.unitOfWork(postgres.unitOfWork()),
            metrics.conversations(postgres.conversations()),
            postgres.messages(),
            postgres.usage(),
            postgres.tenantNumbers(),
            directory,
            metrics.gateway(gateway),
            metrics.jobQueue(jobQueue),
            postgres.events(),
            postgres.subscriptions(),
            new JsonEventPayloads(json),
            metrics.webhookSender(webhookSender));
    SmsServices.Settings settings =
        new SmsServices.Settings(
                new PhoneNumbers(config.defaultRegion()),
                new LanguageDetector(),
                SEND_WAIT,
                RECONCILE_QUIET_FOR,
                clock,
                // local mode may post to any http receiver; production to https or loopback
                new ManageSubscriptions.UrlPolicy(config.isLocal()),
                config.tenants().linkTtl(),
                SmsServices.Settings.DEFAULT_DIRECTORY_WAIT)
            .withUsageThreshold(new UsageThreshold(config.usageAlertSegmentsPerDay()))
            .withUnknownSendChecks(
                config.twilio().unknownFirstCheck(), config.twilio().unknownSecondCheck());
    SmsServices services =
        SmsServices.create(
            ports,
            settings,
            new SmsServices.Replies(
                config.replies().policy(),
                postgres.rateLimiter(),
                config.replies().inboundRatePerSenderPerMinute()));

    TwilioRequestValidator validator =
        new TwilioRequestValidator(authToken, config.twilio().authTokenSecondary());
    TwilioWebhooks webhooks =
        new TwilioWebhooks(
            validator,
            metrics.receiveInbound(services.receiveInbound()),
            metrics.recordDeliveryStatus(services.recordDeliveryStatus()),
            id -> TwilioSettings.statusCallbackFor(publicBaseUrl, id));
    // calls are routed from what the database knows; the caller ID defaults to our own number
    VoiceServices voice =
        VoiceServices.create(
            ports,
            postgres.calls(),
            config.voice().routing(config.twilio().phoneNumber()),
            settings);
    BatchedAnswerTimes calls =
        new BatchedAnswerTimes(metrics.receiveCall(voice.receiveCall()), ANSWER_TIMES_EVERY);
    started.push(new Stoppable("call answer times", calls));
    TwilioVoiceWebhooks voiceWebhooks =
        new TwilioVoiceWebhooks(
            validator, calls, metrics.recordCallStatus(voice.recordCallStatus()), publicBaseUrl);
    Health health = health(jobQueue, authToken, postgres, pool);
    List<Route> routes =
        routes(services, webhooks, voice, voiceWebhooks, health, json, postgres.rateLimiter());

    ReconcileUnknownConversations reconciliation =
        metrics.reconciliation(services.reconcileUnknownConversations());
    int batch = config.tenants().reconcileBatch();
    jobQueue.scheduleRecurring(
        "reconcile-unknown-conversations",
        config.tenants().reconcileEvery(),
        () -> reconciliation.reconcile(batch));
    if (config.usageAlertSegmentsPerDay() > 0) {
      jobQueue.scheduleRecurring(
          "usage-threshold", USAGE_CHECK_EVERY, services.checkUsageThreshold()::check);
    }
    // Stopped after the HTTP server, so that a send request in flight still gets its send job.
    started.push(new Stoppable("job queue", jobQueue::stop));
    ApiKeys keys = new ApiKeys(apiKeys());
    Route metricsRoute = metricsRoute();
    if (config.managementPort() != null) {
      // /metrics on a port of its own, which is never exposed to the internet
      management =
          new HttpServer(List.of(metricsRoute), keys, json, clock, metrics.http(), GRACE_PERIOD);
      management.start("0.0.0.0", config.managementPort());
      started.push(new Stoppable("management HTTP server", management::stop));
    } else {
      routes = new ArrayList<>(routes);
      routes.add(metricsRoute);
    }
    http = new HttpServer(routes, keys, json, clock, metrics.http(), GRACE_PERIOD);
    http.start("0.0.0.0", port);
    started.push(new Stoppable("HTTP server", http::stop));
    jobQueue.start(metrics.jobHandler(services.jobHandler()));

    LOG.info(
        "sms foundation started mode={} port={} public_base_url={} tenant_directory={}",
        config.mode().name().toLowerCase(Locale.ROOT),
        http.port(),
        publicBaseUrl,
        config.tenantDirectory().name().toLowerCase(Locale.ROOT));
  }

  /**
   * The pool on {@code DATABASE_URL}, or on an embedded PostgreSQL keeping its data in the data
   * directory; the schema is migrated before the pool opens.
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
    String schema = url.parameters().getOrDefault("currentSchema", "public").split(",")[0].strip();
    // migrations may run long statements: on connections of their own, not the pool's
    PostgresSchema.migrate(PostgresDataSources.forMigrations(url, null), schema);
    HikariDataSource pool =
        PostgresDataSources.create(url, config.dbPoolSize(), "sms-postgres", null);
    started.push(new Stoppable("database pool", pool));
    metrics.trackPool(pool);
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
    if (config.isLocal() && apiBaseUrl == null) {
      TwilioEmulator emulator =
          TwilioEmulator.builder().accountSid(accountSid).authToken(authToken).start();
      started.push(new Stoppable("Twilio emulator", emulator));
      apiBaseUrl = URI.create(emulator.baseUrl());
    }
    twilio =
        apiBaseUrl == null
            ? new Twilio(TWILIO_API, accountSid, "live")
            : new Twilio(apiBaseUrl, accountSid, "emulator");
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
        // counts its own lookups, under the names the decorator uses for the other directories
        MonitorTenantDirectory monitor =
            new MonitorTenantDirectory(config.monitor().settings(), metrics.registry());
        started.push(new Stoppable("Monitor client", monitor));
        directorySide =
            new Health.DirectorySide(
                "monitor", () -> monitor.circuitState().name().toLowerCase(Locale.ROOT), null);
        yield monitor;
      }
      case POSTGRES -> {
        directorySide = new Health.DirectorySide("postgres", null, null);
        yield metrics.tenantDirectory(postgres.tenantDirectory());
      }
      case NONE -> {
        directorySide = new Health.DirectorySide("none", null, null);
        yield metrics.tenantDirectory(TenantDirectory.none());
      }
    };
  }

  /**
   * The directory behind a cache of its answers ({@code TENANT_CACHE_TTL}, zero for none). The
   * cache sits in front of the counting decorator, so that {@code sms.tenant.lookups} counts the
   * lookups that really reach the directory.
   */
  private TenantDirectory cached(TenantDirectory directory) {
    AppConfig.Tenants tenants = config.tenants();
    if (!tenants.cacheEnabled() || !directory.knowsTenants()) {
      return directory;
    }
    return new CaffeineTenantDirectory(
        directory,
        new CaffeineTenantDirectory.Settings(
            tenants.cacheTtl(), tenants.notFoundCacheTtl(), tenants.cacheSize()),
        metrics.registry(),
        Ticker.systemTicker());
  }

  /**
   * The probes behind {@code /health}: each runs in the background on its own schedule, so that a
   * health request only reads their latest results. The database is checked once before the service
   * listens, so that readiness is right from the first request.
   */
  private Health health(
      PostgresJobQueue jobQueue,
      String authToken,
      PostgresAdapters postgres,
      HikariDataSource pool) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sms-health");
              thread.setDaemon(true);
              return thread;
            });
    ExecutorService checks =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sms-health-check").factory());
    HttpClient probeHttp =
        HttpClient.newBuilder()
            .connectTimeout(MONITOR_CHECK_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    started.push(
        new Stoppable(
            "health probes",
            () -> {
              scheduler.shutdownNow();
              checks.shutdownNow();
              probeHttp.close();
            }));

    ScheduledProbe database =
        new ScheduledProbe(
            "database",
            DependencyChecks.database(pool, DATABASE_CHECK_TIMEOUT),
            DATABASE_CHECK_EVERY,
            DATABASE_CHECK_TIMEOUT,
            checks,
            clock,
            System::nanoTime);
    ScheduledProbe twilioProbe =
        new ScheduledProbe(
            "twilio",
            DependencyChecks.twilioAccount(
                probeHttp,
                twilio.apiBaseUrl(),
                twilio.accountSid(),
                authToken,
                TWILIO_CHECK_TIMEOUT),
            twilio.mode().equals("live") ? TWILIO_CHECK_EVERY : EMULATOR_CHECK_EVERY,
            TWILIO_CHECK_TIMEOUT,
            checks,
            clock,
            System::nanoTime);
    Health.DirectorySide directory = directorySide;
    if (config.tenantDirectory() == AppConfig.TenantDirectoryKind.MONITOR) {
      ScheduledProbe monitorProbe =
          new ScheduledProbe(
              "monitor",
              DependencyChecks.reachable(probeHttp, config.monitor().url(), MONITOR_CHECK_TIMEOUT),
              MONITOR_CHECK_EVERY,
              MONITOR_CHECK_TIMEOUT,
              checks,
              clock,
              System::nanoTime);
      directory = new Health.DirectorySide(directory.kind(), directory.circuit(), monitorProbe);
      metrics.trackProbe(monitorProbe);
      monitorProbe.start(scheduler);
    }
    metrics.trackProbe(database);
    metrics.trackProbe(twilioProbe);
    database.checkNow();
    database.start(scheduler);
    twilioProbe.start(scheduler);

    DatabaseGauges gauges =
        metrics.databaseGauges(postgres.conversations(), jobQueue, postgres.subscriptions(), clock);
    scheduler.scheduleWithFixedDelay(
        () -> checks.execute(gauges::refresh),
        0,
        DATABASE_GAUGES_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);

    boolean configured =
        config.twilio().accountSid() != null && config.twilio().authToken() != null;
    return new Health(
        version(),
        database,
        new Health.TwilioSide(twilio.mode(), configured ? "configured" : "generated", twilioProbe),
        directory);
  }

  private List<Route> routes(
      SmsServices services,
      TwilioWebhooks webhooks,
      VoiceServices voice,
      TwilioVoiceWebhooks voiceWebhooks,
      Health health,
      JsonCodec json,
      RateLimiter rateLimiter) {
    HealthEndpoint healthEndpoint = new HealthEndpoint(health, json);
    SubscriptionsEndpoints subscriptions =
        new SubscriptionsEndpoints(services.manageSubscriptions(), json);
    // one guard for every webhook path: a forger is counted wherever it posts
    ForgedWebhookGuard forged = new ForgedWebhookGuard(config.invalidSignaturesPerMinute(), clock);
    ClientAddresses clients = ClientAddresses.trusting(config.trustedProxies());
    Function<TwilioWebhook, TwilioWebhookEndpoint> twilioRoute =
        webhook -> new TwilioWebhookEndpoint(webhook, publicBaseUrl, forged, clients);
    CallEndpoints calls = new CallEndpoints(voice.readCalls(), json);
    return List.of(
        Route.post("/webhook/twilio/sms", Access.PUBLIC, twilioRoute.apply(webhooks.inboundSms())),
        Route.post(
            "/webhook/twilio/status", Access.PUBLIC, twilioRoute.apply(webhooks.statusCallback())),
        Route.post(
            "/webhook/twilio/voice",
            Access.PUBLIC,
            twilioRoute.apply(voiceWebhooks.incomingCall())),
        Route.post(
            "/webhook/twilio/voice/status",
            Access.PUBLIC,
            twilioRoute.apply(voiceWebhooks.callStatus())),
        Route.get("/calls/{id}", Access.API_KEY, calls.one()),
        Route.get("/conversations/{phone}/calls", Access.API_KEY, calls.ofConversation()),
        Route.post(
            "/sms/send",
            Access.API_KEY,
            new SendSmsEndpoint(
                services.sendSms(),
                new SendRate(rateLimiter, config.sendRatePerMinute(), clock),
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
        Route.get("/events", Access.API_KEY, new EventsEndpoint(services.readEvents(), json)),
        Route.get("/usage", Access.API_KEY, new UsageEndpoint(services.readUsage(), json)),
        Route.post("/subscriptions", Access.API_KEY, subscriptions.create()),
        Route.get("/subscriptions", Access.API_KEY, subscriptions.list()),
        Route.get("/subscriptions/{id}", Access.API_KEY, subscriptions.get()),
        Route.patch("/subscriptions/{id}", Access.API_KEY, subscriptions.change()),
        Route.delete("/subscriptions/{id}", Access.API_KEY, subscriptions.delete()),
        Route.post("/subscriptions/{id}/secret", Access.API_KEY, subscriptions.rotateSecret()),
        Route.get("/subscriptions/{id}/deliveries", Access.API_KEY, subscriptions.deliveries()),
        Route.post(
            "/subscriptions/{id}/deliveries/{delivery_id}/retry",
            Access.API_KEY,
            subscriptions.retryDelivery()),
        Route.put(
            "/conversations/{phone}/tenant",
            Access.API_KEY,
            new TenantEndpoint(services.setTenant(), json)),
        Route.get("/health", Access.PUBLIC, healthEndpoint.report()),
        Route.get("/health/ready", Access.PUBLIC, healthEndpoint.readiness()),
        Route.get("/health/live", Access.PUBLIC, healthEndpoint.liveness()));
  }

  /** {@code GET /metrics}, behind {@code METRICS_TOKEN} when it is set. */
  private Route metricsRoute() {
    return Route.get(
        "/metrics",
        Access.PUBLIC,
        new MetricsEndpoint(metrics::scrape, ServiceMetrics.CONTENT_TYPE, config.metricsToken()));
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

  /** The port that serves {@code /metrics} when {@code MANAGEMENT_PORT} is set. */
  public Optional<Integer> managementPort() {
    return Optional.ofNullable(management).map(HttpServer::port);
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
