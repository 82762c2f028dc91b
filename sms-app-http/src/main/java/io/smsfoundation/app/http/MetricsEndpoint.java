package io.smsfoundation.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. Open when no token is configured
 * (a scraper on a private network); otherwise the scraper sends {@code Authorization: Bearer
 * <METRICS_TOKEN>}, compared in constant time, and anything else is a 401.
 */
public final class MetricsEndpoint implements Endpoint {

  private static final String BEARER = "bearer ";

  private final Supplier<String> scrape;
  private final String contentType;
  private final byte[] token;

  /**
   * @param scrape the exposition text
   * @param token the bearer token required, or {@code null} for none
   */
  public MetricsEndpoint(Supplier<String> scrape, String contentType, String token) {
    this.scrape = scrape;
    this.contentType = contentType;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    if (token != null && !authorized(request.header("Authorization"))) {
      throw ApiError.unauthorized(
          "The metrics token is required: send it as 'Authorization: Bearer <METRICS_TOKEN>'");
    }
    return HttpReply.text(200, contentType, scrape.get()).withHeader("Cache-Control", "no-store");
  }

  private boolean authorized(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return false;
    }
    byte[] presented =
        authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(presented, token);
  }
}
