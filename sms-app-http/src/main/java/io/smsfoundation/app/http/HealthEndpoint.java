package io.smsfoundation.app.http;

import io.smsfoundation.app.health.Health;

/**
 * The health endpoints, none of which needs an API key and all of which read cached probe results
 * only (a slow dependency never makes them slow):
 *
 * <ul>
 *   <li>{@code GET /health}: every dependency; 503 only when the database does not answer (the
 *       service cannot take webhooks), 200 with {@code "status": "degraded"} when only Twilio or
 *       the tenant directory fails;
 *   <li>{@code GET /health/ready}: whether to send traffic here (the database answers), 200 or 503;
 *   <li>{@code GET /health/live}: the process serves requests; always 200.
 * </ul>
 */
public final class HealthEndpoint {

  private final Health health;
  private final JsonCodec json;

  public HealthEndpoint(Health health, JsonCodec json) {
    this.health = health;
    this.json = json;
  }

  /** {@code GET /health}. */
  public Endpoint report() {
    return request -> {
      Health.Report report = health.report();
      return answer(report.ok(), json.write(report), report.status());
    };
  }

  /** {@code GET /health/ready}. */
  public Endpoint readiness() {
    return request -> {
      Health.Readiness readiness = health.readiness();
      return answer(readiness.ok(), json.write(readiness), readiness.status());
    };
  }

  /** {@code GET /health/live}. */
  public Endpoint liveness() {
    return request ->
        answer(true, json.write(new Views.LivenessView(true, "live", health.version())), "live");
  }

  private static HttpReply answer(boolean ok, byte[] body, String outcome) {
    return HttpReply.json(ok ? 200 : 503, body)
        .withHeader("Cache-Control", "no-store")
        .withOutcome(outcome);
  }
}
