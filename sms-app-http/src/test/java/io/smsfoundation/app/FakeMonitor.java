package io.smsfoundation.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stand-in for the Collections Monitor API on a real local port: lookups by any phone string the
 * test registered, language updates recorded, and a switch to answer 503 like an outage.
 */
final class FakeMonitor implements AutoCloseable {

  static final String TOKEN = "monitor-token-for-tests";

  private final HttpServer server;
  private final Map<String, String> tenantsByPhone = new ConcurrentHashMap<>();
  private final Map<String, String> languageByTenant = new ConcurrentHashMap<>();
  private final List<String> lookups = new CopyOnWriteArrayList<>();
  private final List<String> languageUpdates = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> numbersByTenant = new ConcurrentHashMap<>();
  private final List<String> tenantReads = new CopyOnWriteArrayList<>();
  private volatile boolean available = true;
  private volatile Duration tenantReadDelay = Duration.ZERO;

  FakeMonitor() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The Monitor knows {@code tenantId} by {@code phone}, written exactly like this. */
  void addTenant(String tenantId, String phone, String language) {
    tenantsByPhone.put(phone, tenantId);
    numbersByTenant.merge(
        tenantId, List.of(phone), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
    if (language != null) {
      languageByTenant.put(tenantId, language);
    }
  }

  /** A tenant known by id with these numbers, as {@code GET /tenants/{tenant_id}} lists them. */
  void addTenantWithNumbers(String tenantId, List<String> numbers) {
    numbersByTenant.put(tenantId, List.copyOf(numbers));
  }

  /** The number no longer belongs to anyone (a lease ended). */
  void removePhone(String phone) {
    tenantsByPhone.remove(phone);
  }

  /** Answers reads of a tenant by id only after this long. */
  void setTenantReadDelay(Duration delay) {
    this.tenantReadDelay = delay;
  }

  /** Every tenant id read by id, in order. */
  List<String> tenantReads() {
    return List.copyOf(tenantReads);
  }

  void setAvailable(boolean available) {
    this.available = available;
  }

  /** Every phone asked for, in order. */
  List<String> lookups() {
    return List.copyOf(lookups);
  }

  /** Every language update body received, as {@code tenant_id: json}. */
  List<String> languageUpdates() {
    return List.copyOf(languageUpdates);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!available) {
        respond(exchange, 503, "{\"error\":\"down\"}");
        return;
      }
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.equals("/tenants/lookup")) {
        String phone = phoneParameter(exchange.getRequestURI().getRawQuery());
        lookups.add(phone);
        String tenant = tenantsByPhone.get(phone);
        if (tenant == null) {
          respond(exchange, 404, "{\"error\":\"not found\"}");
        } else {
          String language = languageByTenant.get(tenant);
          respond(
              exchange,
              200,
              "{\"tenant_id\":\""
                  + tenant
                  + "\",\"phone_numbers\":[\""
                  + phone
                  + "\"],\"language_preference\":"
                  + (language == null ? "null" : "\"" + language + "\"")
                  + "}");
        }
      } else if (exchange.getRequestMethod().equals("GET")
          && path.startsWith("/tenants/")
          && path.indexOf('/', "/tenants/".length()) < 0) {
        String tenant =
            URLDecoder.decode(
                exchange.getRequestURI().getRawPath().substring("/tenants/".length()),
                StandardCharsets.UTF_8);
        tenantReads.add(tenant);
        sleep(tenantReadDelay);
        List<String> numbers = numbersByTenant.get(tenant);
        if (numbers == null) {
          respond(exchange, 404, "{\"error\":\"not found\"}");
        } else {
          respond(
              exchange,
              200,
              "{\"tenant_id\":\""
                  + tenant
                  + "\",\"phone_numbers\":["
                  + numbers.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
                  + "],\"language_preference\":null}");
        }
      } else if (exchange.getRequestMethod().equals("PUT")
          && path.startsWith("/tenants/")
          && path.endsWith("/language-preference")) {
        String tenant = path.substring("/tenants/".length(), path.lastIndexOf('/'));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        languageUpdates.add(tenant + ": " + body);
        respond(exchange, 204, null);
      } else {
        respond(exchange, 404, "{}");
      }
    }
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String phoneParameter(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("phone=")) {
        return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
