package io.smsfoundation.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.smsfoundation.app.http.Views.ErrorBody;
import io.smsfoundation.app.http.Views.ErrorView;
import io.smsfoundation.domain.message.StorableText;
import java.io.ByteArrayOutputStream;
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
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP server: the only class that talks to Javalin. It registers the route table, and around
 * every request assigns the request id ({@code X-Request-Id}, also in the log context as {@code
 * request_id}), refuses a path with a malformed percent-escape (400), checks API keys before the
 * body is read, requires JSON bodies on API-key routes (415), reads the body only when the endpoint
 * asks for it, limited to {@value #MAX_BODY_BYTES} bytes (413) and to a minimum rate (408), marks
 * every answer {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}, turns
 * every failure into the error envelope (also those Jetty answers itself: 400, 414, 431...), and
 * writes one access-log line. Stopping it lets requests in flight finish (up to the grace period)
 * before the port closes. These rules hold for every route of the table.
 */
public final class HttpServer {

  /** Request bodies above this size are refused with a 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** The request line and headers Jetty reads (its default): beyond, 414 or 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /**
   * Request threads (Javalin's default, made explicit): requests beyond wait in Jetty's queue. The
   * database pool, not this, bounds how many requests do work at once.
   */
  public static final int MAX_THREADS = 250;

  static final int MIN_THREADS = 8;

  /** A request that sends nothing (headers done, body pending) for this long is cut off. */
  static final Duration REQUEST_IDLE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A connection idle between requests (keep-alive) is closed after this long; a load balancer in
   * front should close idle connections sooner, so that it never reuses one the server just closed.
   */
  static final Duration CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A body must arrive at least this fast on average once {@link #MIN_RATE_GRACE} has passed, so
   * that a client trickling bytes holds a request thread for seconds, not hours (a 408).
   */
  static final int MIN_BODY_BYTES_PER_SECOND = 1024;

  static final Duration MIN_RATE_GRACE = Duration.ofSeconds(2);

  private static final String JSON_MEDIA_TYPE = "application/json";

  /** Every answer: personal data must not be cached, and no type may be guessed from content. */
  private static final Map<String, String> SAFETY_HEADERS =
      Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

  static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final String ATTR_REQUEST_ID = "sms.request_id";
  private static final String ATTR_STARTED = "sms.started_nanos";
  private static final String ATTR_ROUTE = "sms.route";
  private static final String ATTR_TEMPLATE = "sms.route_template";
  private static final String UNMATCHED = "unmatched";
  private static final String ATTR_OUTCOME = "sms.outcome";
  private static final String ATTR_AFTER_WRITTEN = "sms.after-written";

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
              QueuedThreadPool threads =
                  new QueuedThreadPool(
                      MAX_THREADS, MIN_THREADS, (int) Duration.ofMinutes(1).toMillis());
              threads.setName("sms-http");
              config.jetty.threadPool = threads;
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
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setRequestHeaderSize(MAX_HEADER_BYTES);
                    http.setIdleTimeout(REQUEST_IDLE_TIMEOUT.toMillis());
                  });
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
              // Javalin calls its request logger once the response is written
              config.requestLogger.http((ctx, millis) -> afterWritten(ctx));
            });
  }

  /** Starts listening on {@code host:port} (port 0 picks a free one). */
  public HttpServer start(String host, int port) {
    javalin.start(host, port);
    for (Connector connector : javalin.jettyServer().server().getConnectors()) {
      if (connector instanceof AbstractConnector network) {
        network.setIdleTimeout(CONNECTION_IDLE_TIMEOUT.toMillis());
      }
    }
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
    SAFETY_HEADERS.forEach(ctx::header);
    MDC.clear();
    MDC.put("request_id", requestId);
    // before the route's path parameters are decoded, which would fail on it
    checkPercentEncoding(ctx.req().getRequestURI(), "path");
  }

  /** A 400 unless every {@code %} of {@code raw} starts an escape of two hexadecimal digits. */
  static void checkPercentEncoding(String raw, String part) {
    if (raw == null) {
      return;
    }
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
      if (i + 2 >= raw.length()
          || Character.digit(raw.charAt(i + 1), 16) < 0
          || Character.digit(raw.charAt(i + 2), 16) < 0) {
        throw ApiError.validation(
            "The " + part + " has a malformed percent-escape", Map.of(part, "is malformed"));
      }
    }
  }

  private void exchange(Context ctx, Route route) {
    String routeName = route.method() + " " + route.path();
    ctx.attribute(ATTR_ROUTE, routeName);
    ctx.attribute(ATTR_TEMPLATE, route.path());
    MDC.put("route", routeName);
    HttpRequest request = request(ctx, route);
    if (route.access() == Route.Access.API_KEY) {
      // headers only: an unauthenticated caller never makes the server read a body
      String caller =
          apiKeys.authenticate(request.header("Authorization")).orElseThrow(ApiError::unauthorized);
      request = request.authenticatedAs(caller);
      if (carriesBody(ctx) && !isJson(ctx.header("Content-Type"))) {
        throw ApiError.unsupportedMediaType(JSON_MEDIA_TYPE);
      }
    }
    HttpReply reply = route.endpoint().handle(request);
    ctx.status(reply.status());
    reply.headers().forEach(ctx::header);
    ctx.contentType(reply.contentType());
    ctx.result(reply.body());
    ctx.attribute(ATTR_OUTCOME, reply.outcome());
    if (reply.afterWritten() != null) {
      ctx.attribute(ATTR_AFTER_WRITTEN, reply.afterWritten());
    }
  }

  private static void afterWritten(Context ctx) {
    Runnable action = ctx.attribute(ATTR_AFTER_WRITTEN);
    if (action == null) {
      return;
    }
    try {
      action.run();
    } catch (RuntimeException failure) {
      LOG.warn("the work after an answer was written failed", failure);
    }
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
        () -> body(ctx),
        ctx.attribute(ATTR_REQUEST_ID),
        null,
        ctx.<Long>attribute(ATTR_STARTED),
        ctx.req().getRemoteAddr());
  }

  /** Whether the request has a body: a length above zero, or chunks. */
  private static boolean carriesBody(Context ctx) {
    return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
  }

  /**
   * {@code application/json} or {@code application/...+json}, in UTF-8 (the only charset JSON has;
   * no charset parameter means UTF-8).
   */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals(JSON_MEDIA_TYPE)
        && !(type.startsWith("application/") && type.endsWith("+json"))) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset")
          && (parameter.length < 2
              || !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads at most {@link #MAX_BODY_BYTES}; a larger body is refused before it is all read, and a
   * body that arrives slower than {@link #MIN_BODY_BYTES_PER_SECOND} (after {@link
   * #MIN_RATE_GRACE}) or stops arriving is cut off with a 408.
   */
  private static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
    }
    if (declared == 0) {
      return new byte[0];
    }
    try (InputStream in = ctx.req().getInputStream()) {
      return readLimited(in, System.nanoTime(), System::nanoTime);
    } catch (IOException stoppedOrTimedOut) {
      throw ApiError.requestTimeout();
    }
  }

  /** The body of {@code in}, refused when too large or too slow; {@code now} is a nano clock. */
  static byte[] readLimited(InputStream in, long startedNanos, java.util.function.LongSupplier now)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      body.write(buffer, 0, n);
      if (body.size() > MAX_BODY_BYTES) {
        throw ApiError.payloadTooLarge(MAX_BODY_BYTES);
      }
      long elapsedNanos = now.getAsLong() - startedNanos;
      if (elapsedNanos > MIN_RATE_GRACE.toNanos()
          && body.size() < MIN_BODY_BYTES_PER_SECOND * (elapsedNanos / 1_000_000_000.0)) {
        throw ApiError.requestTimeout();
      }
    }
    return body.toByteArray();
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
   * Percent-decodes a query or path part ({@code +} as a space); a malformed escape, or text no
   * store can hold, is the caller's mistake, a 400.
   */
  private static String decode(String encoded, String part) {
    String decoded;
    try {
      decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw ApiError.validation(
          "The " + part + " has a malformed percent-escape", Map.of(part, "is malformed"));
    }
    if (!StorableText.isStorable(decoded)) {
      throw ApiError.validation(
          "The " + part + " holds a NUL or an unpaired surrogate", Map.of(part, "is malformed"));
    }
    return decoded;
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

  /** The envelope of a status Javalin or Jetty chose. */
  static ApiError forStatus(int status) {
    return switch (status) {
      case 400 -> ApiError.validation("The request is malformed", Map.of());
      case 404 -> ApiError.notFound("No such endpoint");
      case 405, 501 -> ApiError.methodNotAllowed();
      case 408 -> ApiError.requestTimeout();
      case 413 -> ApiError.payloadTooLarge(MAX_BODY_BYTES);
      case 414 -> ApiError.uriTooLong(MAX_HEADER_BYTES);
      case 415 -> ApiError.unsupportedMediaType(JSON_MEDIA_TYPE);
      case 431 -> ApiError.headersTooLarge(MAX_HEADER_BYTES);
      case 503 -> ApiError.unavailable("The service is shutting down or overloaded; retry later");
      default -> status >= 400 && status < 500 ? ApiError.malformed(status) : ApiError.internal();
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

    /** Every method gets the envelope (Jetty's own handler answers only GET, POST and HEAD). */
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

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
      SAFETY_HEADERS.forEach(response.getHeaders()::put);
      error.headers().forEach(response.getHeaders()::put);
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
