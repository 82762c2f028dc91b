package io.smsfoundation.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for a workflow's webhook endpoint: it records every post (headers
 * and body as received) and answers 200, or the statuses it was told to answer next; in {@code
 * silent} mode it never answers.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One post as it arrived; header names lower-cased. */
  record Post(Map<String, List<String>> headers, String body, int answered) {

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
  private final Queue<Integer> next = new ConcurrentLinkedQueue<>();
  private final boolean silent;

  WebhookReceiver() {
    this(false);
  }

  /**
   * @param silent whether it holds every request without ever answering
   */
  WebhookReceiver(boolean silent) {
    this.silent = silent;
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
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The next posts are answered with these statuses, then 200 again. */
  void answerNext(Integer... statuses) {
    next.addAll(List.of(statuses));
  }

  /** The next post, waiting at most {@code patience}. */
  Post next(Duration patience) throws InterruptedException {
    Post post = posts.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
    if (post == null) {
      throw new AssertionError("no webhook arrived within " + patience);
    }
    return post;
  }

  /** The posts received and not taken yet. */
  List<Post> drained() {
    List<Post> rest = new ArrayList<>();
    posts.drainTo(rest);
    return rest;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (silent) {
        try {
          Thread.sleep(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      Integer scripted = next.poll();
      int status = scripted == null ? 200 : scripted;
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
      posts.add(new Post(headers, new String(body, StandardCharsets.UTF_8), status));
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
