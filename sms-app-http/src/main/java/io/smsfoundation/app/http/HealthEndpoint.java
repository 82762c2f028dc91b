package io.smsfoundation.app.http;

import io.smsfoundation.app.health.Health;
import io.smsfoundation.app.http.Views.HealthView;

/**
 * {@code GET /health}: 200 {@code {ok, version, checks}} while the database answers, 503 otherwise.
 * Needs no API key: load balancers call it.
 */
public final class HealthEndpoint implements Endpoint {

  private final Health health;
  private final JsonCodec json;

  public HealthEndpoint(Health health, JsonCodec json) {
    this.health = health;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    Health.Report report = health.report();
    HttpReply reply =
        HttpReply.json(
            report.ok() ? 200 : 503,
            json.write(new HealthView(report.ok(), report.version(), report.checks())));
    return reply.withHeader("Cache-Control", "no-store").withOutcome(report.ok() ? "ok" : "down");
  }
}
