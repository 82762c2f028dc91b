package io.smsfoundation.adapter.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.ports.out.TenantProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Collections Monitor on a real HTTP server (JDK {@link HttpServer}, ephemeral port on the
 * loopback address). By default it answers from its tenants, matching the {@code phone} exactly
 * against their numbers; scripts replace that per phone or tenant, one reply per attempt (the last
 * one repeats). Every request is recorded.
 */
final class FakeMonitor implements AutoCloseable {

  /** One request as the server saw it. */
  record Recorded(
      String method,
      String rawPath,
      String rawQuery,
      String phone,
      Headers headers,
      String body,
      long receivedNanos) {

    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** A scripted answer. */
  record Reply(
      int status, String body, Map<String, String> headers, Duration delay, Duration bodyDelay) {

    static Reply json(String body) {
      return new Reply(200, body, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    static Reply status(int status) {
      return new Reply(status, "", Map.of(), Duration.ZERO, Duration.ZERO);
    }

    static Reply of(int status, String body) {
      return new Reply(status, body, Map.of(), Duration.ZERO, Duration.ZERO);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, more, delay, bodyDelay);
    }

    /** Waits this long before sending anything. */
    Reply after(Duration wait) {
      return new Reply(status, body, headers, wait, bodyDelay);
    }

    /** Sends the headers and the first byte at once, the rest of the body after this long. */
    Reply trickling(Duration wait) {
      return new Reply(status, body, headers, delay, wait);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, TenantProfile> tenants = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reply>> lookupScripts = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reply>> languageScripts = new ConcurrentHashMap<>();
  private final Map<String, Deque<Reply>> tenantScripts = new ConcurrentHashMap<>();
  private volatile Deque<Reply> anyLookupScript;

  private FakeMonitor() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeMonitor start() {
    try {
      return new FakeMonitor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeMonitor withTenants(List<TenantProfile> profiles) {
    profiles.forEach(t -> tenants.put(t.tenantId(), t));
    return this;
  }

  Optional<TenantProfile> tenant(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /** Scripts the lookups of one phone, one reply per attempt; the last reply repeats. */
  FakeMonitor onLookup(String phone, Reply... replies) {
    lookupScripts.put(phone, new ArrayDeque<>(Arrays.asList(replies)));
    return this;
  }

  /** Scripts the lookups of every phone without a script of its own. */
  FakeMonitor onAnyLookup(Reply... replies) {
    anyLookupScript = new ArrayDeque<>(Arrays.asList(replies));
    return this;
  }

  /** Scripts the reads of one tenant by id ({@code GET /tenants/{tenant_id}}). */
  FakeMonitor onTenant(String tenantId, Reply... replies) {
    tenantScripts.put(tenantId, new ArrayDeque<>(Arrays.asList(replies)));
    return this;
  }

  FakeMonitor onLanguage(String tenantId, Reply... replies) {
    languageScripts.put(tenantId, new ArrayDeque<>(Arrays.asList(replies)));
    return this;
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  int requestCount() {
    return requests.size();
  }

  List<String> askedPhones() {
    return requests.stream().filter(r -> r.method().equals("GET")).map(Recorded::phone).toList();
  }

  static String tenantJson(String tenantId, String phone, String language) {
    ObjectNode node = JSON.createObjectNode();
    node.put("tenant_id", tenantId);
    node.putArray("phone_numbers").add(phone);
    if (language == null) {
      node.putNull("language_preference");
    } else {
      node.put("language_preference", language);
    }
    return node.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      String phone = method.equals("GET") ? phoneOf(uri) : null;
      requests.add(
          new Recorded(
              method,
              uri.getRawPath(),
              uri.getRawQuery(),
              phone,
              exchange.getRequestHeaders(),
              body,
              System.nanoTime()));
      // GET /tenants/{tenant_id}, or the tests' other template /residents/{tenant_id}/profile
      String path = uri.getRawPath();
      boolean tenantRead =
          method.equals("GET")
              && uri.getRawQuery() == null
              && ((path.matches("/tenants/[^/]+") && !path.equals("/tenants/lookup"))
                  || path.matches("/residents/[^/]+/profile"));
      Reply reply =
          switch (method) {
            case "GET" -> tenantRead ? tenantReply(tenantIdOfRead(path)) : lookupReply(phone);
            case "PUT" -> languageReply(tenantIdOf(uri), body);
            default -> Reply.status(405);
          };
      send(exchange, reply);
    } catch (IOException | InterruptedException clientGone) {
      // The client timed out and closed the connection: nothing left to answer.
    }
  }

  private Reply lookupReply(String phone) {
    Deque<Reply> script = lookupScripts.getOrDefault(phone, anyLookupScript);
    if (script != null) {
      return next(script);
    }
    for (TenantProfile tenant : tenants.values()) {
      if (tenant.phoneNumbers().contains(phone)) {
        return Reply.json(toJson(tenant));
      }
    }
    return Reply.status(404);
  }

  private Reply tenantReply(String tenantId) {
    Deque<Reply> script = tenantScripts.get(tenantId);
    if (script != null) {
      return next(script);
    }
    TenantProfile tenant = tenants.get(tenantId);
    return tenant == null ? Reply.status(404) : Reply.json(toJson(tenant));
  }

  private Reply languageReply(String tenantId, String body) throws IOException {
    Deque<Reply> script = languageScripts.get(tenantId);
    if (script != null) {
      return next(script);
    }
    TenantProfile tenant = tenants.get(tenantId);
    if (tenant == null) {
      return Reply.of(404, "{\"error\":\"unknown tenant\"}");
    }
    JsonNode update = JSON.readTree(body);
    tenants.put(
        tenantId,
        new TenantProfile(
            tenantId, tenant.phoneNumbers(), Language.fromCode(update.path("language").asText())));
    return Reply.status(204);
  }

  private static Reply next(Deque<Reply> script) {
    synchronized (script) {
      return script.size() > 1 ? script.poll() : script.peek();
    }
  }

  private static void send(HttpExchange exchange, Reply reply)
      throws IOException, InterruptedException {
    Thread.sleep(reply.delay());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    if (!reply.body().isEmpty()) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    boolean noBody = bytes.length == 0 || reply.status() == 204;
    if (reply.bodyDelay().isZero() || noBody) {
      exchange.sendResponseHeaders(reply.status(), noBody ? -1 : bytes.length);
      if (!noBody) {
        exchange.getResponseBody().write(bytes);
      }
      return;
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, 1);
    out.flush();
    Thread.sleep(reply.bodyDelay());
    out.write(bytes, 1, bytes.length - 1);
  }

  private static String phoneOf(URI uri) {
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("phone=")) {
          return URLDecoder.decode(pair.substring("phone=".length()), StandardCharsets.UTF_8);
        }
      }
    }
    // A path template such as /tenants/by-phone/{phone}: the last segment.
    String path = uri.getRawPath();
    return decodePathSegment(path.substring(path.lastIndexOf('/') + 1));
  }

  private static String tenantIdOfRead(String path) {
    String[] segments = path.split("/");
    return decodePathSegment(
        path.endsWith("/profile") ? segments[segments.length - 2] : segments[segments.length - 1]);
  }

  private static String tenantIdOf(URI uri) {
    // .../{tenant_id}/language-preference
    String[] segments = uri.getRawPath().split("/");
    return decodePathSegment(segments[segments.length - 2]);
  }

  private static String decodePathSegment(String raw) {
    // In a path '+' is a plus sign, not a space.
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String toJson(TenantProfile tenant) {
    ObjectNode node = JSON.createObjectNode();
    node.put("tenant_id", tenant.tenantId());
    ArrayNode numbers = node.putArray("phone_numbers");
    tenant.phoneNumbers().forEach(numbers::add);
    if (tenant.languagePreference() == Language.UNKNOWN) {
      node.putNull("language_preference");
    } else {
      node.put("language_preference", tenant.languagePreference().code());
    }
    return node.toString();
  }
}
