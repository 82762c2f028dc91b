package io.smsfoundation.app;

import io.smsfoundation.app.config.AppConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code healthcheck [url]}: asks a running service whether it is ready ({@code GET /health/ready})
 * and exits 0 when it is, 1 when it is not or does not answer. The container image runs it as its
 * {@code HEALTHCHECK}, so the runtime image needs no curl.
 */
final class HealthcheckCommand {

  /** The readiness path: the service can take webhooks. */
  static final String READY_PATH = "/health/ready";

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, String> env;
  private final PrintStream out;

  /**
   * @param env the environment, for the default URL's {@code PORT}
   */
  HealthcheckCommand(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  /** Runs the check; {@code args} may name the URL to ask instead of the local service's. */
  int run(String[] args) {
    URI url;
    try {
      url = URI.create(args.length > 0 ? args[0] : defaultUrl());
    } catch (IllegalArgumentException bad) {
      out.println("not a URL: " + args[0]);
      return 2;
    }
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      out.println(url + " " + response.statusCode());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException unreachable) {
      out.println(url + " unreachable: " + unreachable.getClass().getSimpleName());
      return 1;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private String defaultUrl() {
    String port = env.getOrDefault(AppConfig.PORT, "");
    return "http://127.0.0.1:"
        + (port.isBlank() ? Integer.toString(AppConfig.DEFAULT_PORT) : port.strip())
        + READY_PATH;
  }
}
