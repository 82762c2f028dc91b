package io.smsfoundation.app.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service's health as {@code GET /health} reports it: the database decides whether the service
 * is up (without it nothing can be stored); Twilio and the tenant directory are reported but never
 * make it unhealthy, because webhooks are still stored without them. Thread-safe.
 */
public final class Health {

  private final String version;
  private final CachedProbe database;
  private final Supplier<String> twilio;
  private final Supplier<String> monitor;

  /**
   * @param twilio a cheap description of the Twilio side ({@code emulator}, {@code configured})
   * @param monitor a cheap description of the tenant directory ({@code not_configured}, {@code ok},
   *     {@code circuit_open}...)
   */
  public Health(
      String version, CachedProbe database, Supplier<String> twilio, Supplier<String> monitor) {
    this.version = Objects.requireNonNull(version, "version");
    this.database = Objects.requireNonNull(database, "database");
    this.twilio = Objects.requireNonNull(twilio, "twilio");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  /** A health report: whether the service is up, and each dependency's state. */
  public record Report(boolean ok, String version, Map<String, String> checks) {}

  public Report report() {
    CachedProbe.Result db = database.result();
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("database", db.status());
    checks.put("twilio", twilio.get());
    checks.put("monitor", monitor.get());
    return new Report(db.ok(), version, checks);
  }
}
