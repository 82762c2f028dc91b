package io.smsfoundation.adapter.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smsfoundation.adapter.twilio.webhook.TwilioRequestValidator;
import io.smsfoundation.domain.message.RawForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for our webhook endpoint: it records every request it answers with
 * 200, and can be told to fail the next ones.
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String path, String rawQuery, String signature, Map<String, List<String>> form) {

    public String param(String name) {
      List<String> values = form.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether Twilio's signature of this request, sent to {@code baseUrl}, verifies. */
    public boolean isSignedWith(String authToken, URI baseUrl) {
      String url = baseUrl + path + (rawQuery == null ? "" : "?" + rawQuery);
      return new TwilioRequestValidator(authToken, null).isValid(url, RawForm.of(form), signature);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();

  public CallbackReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The next requests are answered with these statuses, in order, then 200 again. */
  public void answerNext(Integer... statuses) {
    scriptedStatuses.addAll(List.of(statuses));
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next request received, waiting up to ten seconds for it. */
  public Received next() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no callback arrived");
    }
    return next;
  }

  /** How many requests arrived, including those answered with a scripted failure. */
  public int requests() {
    return requests.get();
  }

  /** Every request received so far and not yet taken. */
  public List<Received> drain() {
    List<Received> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.incrementAndGet();
      Integer scripted = scriptedStatuses.poll();
      int status = scripted == null ? 200 : scripted;
      if (status == 200) {
        received.add(
            new Received(
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                parse(body)));
      }
      byte[] reply = "<Response></Response>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(status, reply.length);
      exchange.getResponseBody().write(reply);
    }
  }

  private static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
