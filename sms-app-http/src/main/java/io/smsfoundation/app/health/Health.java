package io.smsfoundation.app.health;

import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service's health as {@code GET /health}, {@code /health/ready} and {@code /health/live}
 * report it, read from the latest results of background probes (never waits for a dependency). The
 * database alone decides whether the service can take webhooks ({@code ok}); Twilio and the tenant
 * directory only make it {@code degraded}, because webhooks are still stored without them.
 * Thread-safe.
 */
public final class Health {

  /** A check's status word: {@code ok}, {@code degraded}, {@code down}, {@code pending}... */
  static final String OK = "ok";

  static final String DEGRADED = "degraded";
  static final String DOWN = "down";
  static final String PENDING = "pending";
  static final String NOT_CONFIGURED = "not_configured";

  private final String version;
  private final ScheduledProbe database;
  private final TwilioSide twilio;
  private final DirectorySide directory;

  /**
   * How the service reaches Twilio.
   *
   * @param mode {@code live} (Twilio itself) or {@code emulator}
   * @param credentials {@code configured} or {@code generated} (local mode)
   * @param probe reads the account now and then
   */
  public record TwilioSide(String mode, String credentials, ScheduledProbe probe) {
    public TwilioSide {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(credentials, "credentials");
      Objects.requireNonNull(probe, "probe");
    }
  }

  /**
   * Where tenants are looked up.
   *
   * @param kind {@code monitor}, {@code postgres} or {@code none}
   * @param circuit the Monitor client's breaker state ({@code closed}, {@code half_open}, {@code
   *     open}), or {@code null} for other directories
   * @param probe checks that the Monitor answers, or {@code null} for other directories
   */
  public record DirectorySide(String kind, Supplier<String> circuit, ScheduledProbe probe) {
    public DirectorySide {
      Objects.requireNonNull(kind, "kind");
    }
  }

  public Health(
      String version, ScheduledProbe database, TwilioSide twilio, DirectorySide directory) {
    this.version = Objects.requireNonNull(version, "version");
    this.database = Objects.requireNonNull(database, "database");
    this.twilio = Objects.requireNonNull(twilio, "twilio");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The whole report.
   *
   * @param ok whether the service can take webhooks (the database answers)
   * @param status {@code ok}, {@code degraded} (a dependency other than the database is failing) or
   *     {@code down}
   */
  public record Report(boolean ok, String status, String version, Checks checks) {}

  /** One check per dependency. */
  public record Checks(DatabaseCheck database, TwilioCheck twilio, MonitorCheck monitor) {}

  /**
   * @param status {@code ok}, {@code down} or {@code pending}
   * @param detail why it is down ({@code timeout}, {@code unavailable}), else {@code null}
   * @param latencyMs how long the last query took
   * @param checkedAt when it was last checked (ISO-8601 UTC)
   */
  public record DatabaseCheck(String status, String detail, Double latencyMs, String checkedAt) {}

  /**
   * Twilio: the last read of the account resource.
   *
   * @param mode {@code live} or {@code emulator}
   * @param credentials {@code configured} or {@code generated}
   */
  public record TwilioCheck(
      String status,
      String detail,
      String mode,
      String credentials,
      Double latencyMs,
      String checkedAt) {}

  /**
   * The tenant directory.
   *
   * @param directory {@code monitor}, {@code postgres} or {@code none}
   * @param circuit the Monitor client's breaker state, {@code null} for other directories
   */
  public record MonitorCheck(
      String status,
      String detail,
      String directory,
      String circuit,
      Double latencyMs,
      String checkedAt) {}

  /** Whether the service can take webhooks, with the one check that decides it. */
  public record Readiness(boolean ok, String status, ReadinessChecks checks) {}

  /** The one check readiness depends on. */
  public record ReadinessChecks(DatabaseCheck database) {}

  public Report report() {
    DatabaseCheck db = databaseCheck();
    TwilioCheck tw = twilioCheck();
    MonitorCheck mon = monitorCheck();
    boolean ok = db.status().equals(OK);
    String status;
    if (!ok) {
      status = DOWN;
    } else if (isFailing(tw.status()) || isFailing(mon.status())) {
      status = DEGRADED;
    } else {
      status = OK;
    }
    return new Report(ok, status, version, new Checks(db, tw, mon));
  }

  public Readiness readiness() {
    DatabaseCheck db = databaseCheck();
    boolean ok = db.status().equals(OK);
    return new Readiness(ok, ok ? "ready" : "not_ready", new ReadinessChecks(db));
  }

  public String version() {
    return version;
  }

  private static boolean isFailing(String status) {
    return status.equals(DOWN) || status.equals(DEGRADED);
  }

  private DatabaseCheck databaseCheck() {
    ScheduledProbe.Result result = database.result();
    return new DatabaseCheck(statusOf(result), result.detail(), millis(result), time(result));
  }

  private TwilioCheck twilioCheck() {
    ScheduledProbe.Result result = twilio.probe().result();
    return new TwilioCheck(
        statusOf(result),
        result.detail(),
        twilio.mode(),
        twilio.credentials(),
        millis(result),
        time(result));
  }

  private MonitorCheck monitorCheck() {
    String circuit = directory.circuit() == null ? null : directory.circuit().get();
    if (directory.probe() == null) {
      String status = directory.kind().equals("none") ? NOT_CONFIGURED : OK;
      return new MonitorCheck(status, null, directory.kind(), circuit, null, null);
    }
    ScheduledProbe.Result result = directory.probe().result();
    String status = statusOf(result);
    String detail = result.detail();
    if ("open".equals(circuit)) {
      status = DOWN;
      detail = "circuit_open";
    } else if ("half_open".equals(circuit) && status.equals(OK)) {
      status = DEGRADED;
      detail = "circuit_half_open";
    }
    return new MonitorCheck(
        status, detail, directory.kind(), circuit, millis(result), time(result));
  }

  private static String statusOf(ScheduledProbe.Result result) {
    return switch (result.state()) {
      case OK -> OK;
      case FAILING -> DOWN;
      case PENDING -> PENDING;
    };
  }

  private static Double millis(ScheduledProbe.Result result) {
    return result.latency() == null ? null : Math.round(result.latency().toNanos() / 1e4) / 100.0;
  }

  private static String time(ScheduledProbe.Result result) {
    return result.checkedAt() == null
        ? null
        : result.checkedAt().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
