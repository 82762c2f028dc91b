package io.smsfoundation.app.http;

import java.util.Objects;

/**
 * One entry of the route table: method, path template ({@code /messages/{id}}), who may call it,
 * and the endpoint that answers.
 */
public record Route(String method, String path, Access access, Endpoint endpoint) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Who may call a route. */
  public enum Access {
    /** Anyone: health, and the webhooks, whose endpoints check Twilio's signature themselves. */
    PUBLIC,
    /** Callers presenting one of the configured API keys. */
    API_KEY
  }

  public static Route get(String path, Access access, Endpoint endpoint) {
    return new Route("GET", path, access, endpoint);
  }

  public static Route post(String path, Access access, Endpoint endpoint) {
    return new Route("POST", path, access, endpoint);
  }

  public static Route put(String path, Access access, Endpoint endpoint) {
    return new Route("PUT", path, access, endpoint);
  }

  public static Route patch(String path, Access access, Endpoint endpoint) {
    return new Route("PATCH", path, access, endpoint);
  }

  public static Route delete(String path, Access access, Endpoint endpoint) {
    return new Route("DELETE", path, access, endpoint);
  }
}
