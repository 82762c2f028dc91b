package io.smsfoundation.app.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures webhook deliveries against a service running on this machine (local mode, so that
 * subscriptions may post over plain HTTP): (1) deliveries per second to a local receiver while
 * signed inbound webhooks create events as fast as the service takes them; (2) the inbound
 * webhook's latency at a fixed rate with no subscription, then with five subscriptions of which one
 * never answers. Options: {@code --url}, {@code --auth-token}, {@code --api-key}, {@code --events}
 * (2000), {@code --rate} (100 req/s), {@code --duration} (20 s).
 */
public final class EventDeliveryLoad {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String apiKey;
  private final List<String> subscriptions = new ArrayList<>();

  private EventDeliveryLoad(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].substring(2), args[i + 1]);
    }
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    String token = options.get("auth-token");
    String apiKey = options.get("api-key");
    int events = Integer.parseInt(options.getOrDefault("events", "2000"));
    double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "20")));
    InboundLoad inbound = new InboundLoad(url, url.toString(), token, 5000);
    EventDeliveryLoad load = new EventDeliveryLoad(url, apiKey);
    try {
      load.throughput(inbound, events);
      load.latency(inbound, rate, duration);
    } finally {
      load.unsubscribeAll();
    }
    System.exit(0);
  }

  private void throughput(InboundLoad inbound, int events) throws Exception {
    try (Receiver receiver = new Receiver(false)) {
      subscribe(receiver.url());
      inbound.closedLoop(4, Duration.ofSeconds(3));
      long warm = receiver.count.get();
      long started = System.nanoTime();
      long before = receiver.count.get();
      InboundLoad.Result sent = inbound.closedLoop(16, Duration.ofSeconds(10));
      long target = before + sent.count();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (receiver.count.get() < target && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      double seconds = (receiver.lastNanos.get() - started) / 1e9;
      long delivered = receiver.count.get() - before;
      System.out.printf(
          Locale.ROOT,
          "throughput: %d webhooks in 10 s (%.0f/s) -> %d deliveries in %.2f s: %.0f deliveries/s"
              + " (warm-up %d)%n",
          sent.count(),
          sent.perSecond(),
          delivered,
          seconds,
          delivered / seconds,
          warm);
      unsubscribeAll();
      Thread.sleep(events > 0 ? 1000 : 0);
    }
  }

  private void latency(InboundLoad inbound, double rate, Duration duration) throws Exception {
    inbound.openLoop(rate, Duration.ofSeconds(5));
    InboundLoad.Result none = inbound.openLoop(rate, duration);
    report("no subscriber", none);
    List<Receiver> receivers = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        receivers.add(new Receiver(false));
      }
      receivers.add(new Receiver(true));
      for (Receiver receiver : receivers) {
        subscribe(receiver.url());
      }
      inbound.openLoop(rate, Duration.ofSeconds(5));
      long before = receivers.getFirst().count.get();
      InboundLoad.Result five = inbound.openLoop(rate, duration);
      report("5 subscribers, 1 never answers", five);
      Thread.sleep(2000);
      System.out.printf(
          Locale.ROOT,
          "  a fast subscriber got %d deliveries of the %d webhooks%n",
          receivers.getFirst().count.get() - before,
          five.count());
    } finally {
      receivers.forEach(Receiver::close);
    }
  }

  private static void report(String label, InboundLoad.Result result) {
    System.out.printf(
        Locale.ROOT,
        "latency, %s: %d webhooks at %.0f/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms,"
            + " errors %d%n",
        label,
        result.count(),
        result.perSecond(),
        result.percentileMillis(50),
        result.percentileMillis(95),
        result.percentileMillis(99),
        result.percentileMillis(100),
        result.errors());
  }

  private void subscribe(String url) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(base.resolve("/subscriptions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"url\": \""
                            + url
                            + "\", \"event_types\": [\"message.received\"],"
                            + " \"include_unknown\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("subscribe: " + created.statusCode() + " " + created.body());
    }
    subscriptions.add(JSON.readTree(created.body()).get("id").asText());
  }

  private void unsubscribeAll() throws Exception {
    for (String id : subscriptions) {
      http.send(
          HttpRequest.newBuilder(base.resolve("/subscriptions/" + id))
              .header("Authorization", "Bearer " + apiKey)
              .DELETE()
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    subscriptions.clear();
  }

  /** A local webhook receiver: answers 204 at once, or never. */
  private static final class Receiver implements AutoCloseable {
    final AtomicLong count = new AtomicLong();
    final AtomicLong lastNanos = new AtomicLong();
    private final HttpServer server;

    Receiver(boolean silent) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              exchange.getRequestBody().readAllBytes();
              if (silent) {
                try {
                  Thread.sleep(Duration.ofMinutes(10));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return;
              }
              count.incrementAndGet();
              lastNanos.set(System.nanoTime());
              exchange.sendResponseHeaders(204, -1);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
