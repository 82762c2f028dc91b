package io.smsfoundation.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.smsfoundation.app.http.Views.ErrorBody;
import io.smsfoundation.app.http.Views.ErrorView;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP server: the only class that talks to Javalin. It registers the route table, and around
 * every request assigns the request id ({@code X-Request-Id}, also in the log context as {@code
 * request_id}), limits the body to {@value #MAX_BODY_BYTES} bytes, checks API keys, turns every
 * failure into the error envelope, and writes one access-log line. Stopping it lets requests in
 * flight finish (up to the grace period) before the port closes.
 */
public final class HttpServer {

  /** Request bodies above this size are refused with a 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final String ATTR_REQUEST_ID = "sms.request_id";
  private static final String ATTR_STARTED = "sms.started_nanos";
  private static final String ATTR_ROUTE = "sms.route";
  private static final String ATTR_TEMPLATE = "sms.route_template";
  private static final String UNMATCHED = "unmatched";
  private static final String ATTR_OUTCOME = "sms.outcome";

  private final ApiKeys apiKeys;
  private final JsonCodec json;
  private final Clock clock;
  private final ExchangeObserver observer;
  private final Javalin javalin;

  /**
   * @param apiKeys checks the routes of {@link Route.Access#API_KEY}
   * @param observer told about every answered request (metrics)
   * @param gracePeriod how long {@link #stop()} waits for requests in flight
   */
  public HttpServer(
      List<Route> routes,
      ApiKeys apiKeys,
      JsonCodec json,
      Clock clock,
      ExchangeObserver observer,
      Duration gracePeriod) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.json = Objects.requireNonNull(json, "json");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.http.prefer405over404 = true;
              config.jetty.modifyServer(
                  server -> {
                    // Javalin nests its handlers inside this wrapper; on stop it refuses new
                    // requests and waits for those in flight.
                    server.setHandler(new GracefulHandler());
                    server.setStopTimeout(gracePeriod.toMillis());
                    server.setStopAtShutdown(false);
                    server.setErrorHandler(new JsonErrorHandler());
                  });
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JsonErrorHandler()));
              config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              config.routes.before(this::begin);
              for (Route route : routes) {
                switch (route.method()) {
                  case "GET" -> config.routes.get(route.path(), ctx -> exchange(ctx, route));
                  case "POST" -> config.routes.post(route.path(), ctx -> exchange(ctx, route));
                  case "PUT" -> config.routes.put(route.path(), ctx -> exchange(ctx, route));
                  case "PATCH" -> config.routes.patch(route.path(), ctx -> exchange(ctx, route));
                  case "DELETE" -> config.routes.delete(route.path(), ctx -> exchange(ctx, route));
                  default ->
                      throw new IllegalArgumentException("unsupported method " + route.method());
                }
              }
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> writeError(ctx, fromJavalin(e)));
              config.routes.exception(
                  Exception.class, (e, ctx) -> writeError(ctx, Failures.toApiError(e)));
              config.routes.after(this::end);
            });
  }

  /** Starts listening on {@code host:port} (port 0 picks a free one). */
  public HttpServer start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  /** The port the server listens on. */
  public int port() {
    return javalin.port();
  }

  /** Stops accepting requests, waits for those in flight (up to the grace period), then closes. */
  public void stop() {
    javalin.stop();
  }

  private void begin(Context ctx) {
    String incoming = ctx.header(REQUEST_ID_HEADER);
    String requestId =
        incoming != null && SANE_REQUEST_ID.matcher(incoming).matches()
            ? incoming
            : UUID.randomUUID().toString();
    ctx.attribute(ATTR_REQUEST_ID, requestId);
    ctx.attribute(ATTR_STARTED, System.nanoTime());
    ctx.header(REQUEST_ID_HEADER, requestId);
    MDC.clear();
    MDC.put("request_id", requestId);
  }

  private void exchange(Context ctx, Route route) {
    String routeName = route.method() + " " + route.path();
    ctx.attribute(ATTR_ROUTE, routeName);
    ctx.attribute(ATTR_TEMPLATE, route.path());
    MDC.put("route", routeName);
    HttpRequest request = request(ctx, route);
    if (route.access() == Route.Access.API_KEY) {
      String caller =
          apiKeys.authenticate(request.header("Authorization")).orElseThrow(ApiError::unauthorized);
      request = request.authenticatedAs(caller);
    }
    HttpReply reply = route.endpoint().handle(request);
    ctx.status(reply.status());
    reply.headers().forEach(ctx::header);
    ctx.contentType(reply.contentType());
    ctx.result(reply.body());
    ctx.attribute(ATTR_OUTCOME, reply.outcome());
  }

  private HttpRequest request(Context ctx, Route route) {
    String rawPath = ctx.req().getRequestURI();
    String rawQuery = ctx.req().getQueryString();
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return new HttpRequest(
        route.method(),
        rawPath,
        rawQuery,
        queryParams(rawQuery),
        pathParams(route.path(), rawPath),
        headers,
        body(ctx),
        ctx.attribute(ATTR_REQUEST_ID),
        null,
        ctx.<Long>attribute(ATTR_STARTED),
        ctx.req().getRemoteAddr());
  }

  /** Reads at most {@link #MAX_BODY_BYTES}; a larger body is refused before it is all read. */
  private static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
      }
      return body;
    } catch (IOException e) {
      throw ApiError.validation("The request body could not be read", Map.of());
    }
  }

  /** The query string's parameters, every value of each name, in order. */
  static Map<String, List<String>> queryParams(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "query");
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "query");
      params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return params;
  }

  /**
   * Percent-decodes a query or path part ({@code +} as a space); a malformed escape is the caller's
   * mistake, a 400.
   */
  private static String decode(String encoded, String part) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw ApiError.validation(
          "The " + part + " has a malformed percent-escape", Map.of(part, "is malformed"));
    }
  }

  /**
   * Path parameters taken from the raw path, percent-decoded without turning {@code +} into a space
   * (a phone number's plus sign survives even when the caller did not encode it).
   */
  static Map<String, String> pathParams(String template, String rawPath) {
    String[] names = trimSlashes(template).split("/", -1);
    String[] values = trimSlashes(rawPath).split("/", -1);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < names.length && i < values.length; i++) {
      String name = names[i];
      if (name.startsWith("{") && name.endsWith("}")) {
        params.put(
            name.substring(1, name.length() - 1), decode(values[i].replace("+", "%2B"), "path"));
      }
    }
    return params;
  }

  private static String trimSlashes(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    return forStatus(e.getStatus());
  }

  private static ApiError forStatus(int status) {
    return switch (status) {
      case 404 -> ApiError.notFound("No such endpoint");
      case 405 -> ApiError.methodNotAllowed();
      case 413 -> ApiError.payloadTooLarge(MAX_BODY_BYTES);
      case 400, 431 -> ApiError.validation("The request is malformed", Map.of());
      case 503 -> ApiError.unavailable("The service is shutting down or overloaded; retry later");
      default -> ApiError.internal();
    };
  }

  private byte[] envelope(ApiError error, String requestId) {
    return json.write(
        new ErrorView(
            new ErrorBody(
                error.code(),
                error.getMessage(),
                error.details(),
                requestId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString())));
  }

  /**
   * Requests that Jetty refuses before they reach a route (an unparseable URI, invalid UTF-8 in the
   * path, oversized headers, refused while stopping) get the error envelope too, not an HTML page.
   */
  private final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      String requestId = UUID.randomUUID().toString();
      ApiError error = forStatus(code);
      response.setStatus(error.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, HttpReply.JSON);
      response.getHeaders().put(REQUEST_ID_HEADER, requestId);
      response.write(true, ByteBuffer.wrap(envelope(error, requestId)), callback);
    }
  }

  private void writeError(Context ctx, ApiError error) {
    String requestId = ctx.attribute(ATTR_REQUEST_ID);
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
      ctx.header(REQUEST_ID_HEADER, requestId);
    }
    ctx.status(error.status());
    error.headers().forEach(ctx::header);
    ctx.contentType(HttpReply.JSON);
    ctx.result(envelope(error, requestId));
    ctx.attribute(ATTR_OUTCOME, error.outcome());
  }

  private void end(Context ctx) {
    try {
      Long started = ctx.attribute(ATTR_STARTED);
      long nanos = started == null ? 0 : System.nanoTime() - started;
      String template = ctx.attribute(ATTR_TEMPLATE);
      String method = ctx.req().getMethod();
      String route = template == null ? method + " " + UNMATCHED : method + " " + template;
      String outcome = ctx.attribute(ATTR_OUTCOME);
      int status = ctx.statusCode();
      double millis = Math.round(nanos / 100_000.0) / 10.0;
      MDC.put("route", route);
      if (outcome != null) {
        MDC.put("outcome", outcome);
      }
      LOG.atInfo()
          .addKeyValue("status", status)
          .addKeyValue("duration_ms", millis)
          .log(
              "http {} {} {} {} ms",
              route,
              status,
              outcome == null ? "-" : outcome,
              String.format(Locale.ROOT, "%.1f", millis));
      observer.answered(method, template == null ? UNMATCHED : template, status, outcome, nanos);
    } finally {
      MDC.clear();
    }
  }
}
