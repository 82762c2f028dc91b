package io.smsfoundation.app.load;

import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Posts correctly signed inbound-SMS webhooks to a service on this machine for a bounded time and
 * reports throughput, latency percentiles (p50, p90, p95 for the service-level objective of
 * docs/operations.md, p99, max) and errors (any answer but 200). Closed loop ({@code --concurrency
 * N}: N threads, each sends its next request when the previous one is answered) or open loop
 * ({@code --rate R}: requests start on a fixed schedule, latency counted from the scheduled start,
 * so a stalled service is not hidden by the generator waiting for it).
 *
 * <p>Options: {@code --url} (default {@code http://127.0.0.1:8080}), {@code --public-url} (what
 * signatures are computed against; default the URL), {@code --auth-token} (default {@code
 * TWILIO_AUTH_TOKEN}), {@code --concurrency} (8), {@code --rate} (requests/s; open loop when
 * given), {@code --warmup} (seconds, 10), {@code --duration} (seconds, 30), {@code --senders}
 * (300). The last line printed is machine-readable ({@code RESULT key=value ...}).
 */
public final class InboundLoad {

  private static final String PATH = "/webhook/twilio/sms";
  private static final String TO = "+15005550006";

  /** Realistic SMS texts in English, Spanish and Portuguese, and some without evidence. */
  private static final String[] BODIES = {
    "Hi, when is the rent due this month?",
    "The kitchen sink is leaking again, can someone come tomorrow morning?",
    "Thanks, I will send the payment on Friday",
    "ok",
    "Hola, ¿cuándo pasan a arreglar la llave del baño?",
    "Buenos días, ya hice el pago de la renta, gracias",
    "No tengo agua caliente desde ayer, por favor ayuda",
    "Olá, obrigado pela ajuda com o aluguel",
    "Bom dia, a janela do quarto está quebrada, podem vir hoje?",
    "Quando vence o pagamento deste mês?",
    "👍",
    "STOP?"
  };

  private final HttpClient client;
  private final URI target;
  private final String signedUrl;
  private final String authToken;
  private final String accountSid = "AC" + "0".repeat(32);
  private final int senders;
  private final AtomicLong sequence = new AtomicLong();
  // Twilio SIDs are SM + 32 hex digits: 12 for this run, 20 (decimal) for the request
  private final long runId = System.currentTimeMillis();

  InboundLoad(URI base, String publicBase, String authToken, int senders) {
    this.target = URI.create(stripSlash(base.toString()) + PATH);
    this.signedUrl = stripSlash(publicBase) + PATH;
    this.authToken = authToken;
    this.senders = senders;
    // HTTP/1.1 with keep-alive: the client pools one connection per concurrent request
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    requireLoopback(url);
    String token = options.getOrDefault("auth-token", System.getenv("TWILIO_AUTH_TOKEN"));
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no auth token: pass --auth-token or TWILIO_AUTH_TOKEN");
    }
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
    double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
    int senders = Integer.parseInt(options.getOrDefault("senders", "300"));
    InboundLoad load =
        new InboundLoad(
            url, options.getOrDefault("public-url", url.toString()), token.strip(), senders);
    Result result;
    if (rate > 0) {
      load.openLoop(rate, warmup);
      result = load.openLoop(rate, duration);
    } else {
      load.closedLoop(concurrency, warmup);
      result = load.closedLoop(concurrency, duration);
    }
    String mode = rate > 0 ? "rate=" + fmt(rate) : "concurrency=" + concurrency;
    System.out.printf(
        Locale.ROOT,
        "inbound webhooks, %s, %d s after %d s warm-up: %d requests, %.1f req/s, p50 %.2f ms,"
            + " p90 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d%n",
        mode,
        duration.toSeconds(),
        warmup.toSeconds(),
        result.count(),
        result.perSecond(),
        result.percentileMillis(50),
        result.percentileMillis(90),
        result.percentileMillis(95),
        result.percentileMillis(99),
        result.percentileMillis(100),
        result.errors());
    System.out.printf(
        Locale.ROOT,
        "RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f"
            + " errors=%d%n",
        result.count(),
        result.perSecond(),
        result.percentileMillis(50),
        result.percentileMillis(90),
        result.percentileMillis(95),
        result.percentileMillis(99),
        result.percentileMillis(100),
        result.errors());
    System.exit(result.errors() == 0 ? 0 : 1);
  }

  /** N threads send back to back until the time is up. */
  Result closedLoop(int concurrency, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Recorder> recorders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Recorder recorder = new Recorder();
      recorders.add(recorder);
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      long before = System.nanoTime();
                      boolean ok = sendOne();
                      recorder.record(System.nanoTime() - before, ok);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return Result.of(recorders, System.nanoTime() - start);
  }

  /**
   * Starts request i at {@code start + i / rate} on a virtual thread, whatever the previous ones
   * are doing; latency runs from that scheduled time.
   */
  Result openLoop(double rate, Duration duration) throws InterruptedException {
    long total = (long) (rate * duration.toSeconds());
    double interval = 1e9 / rate;
    Recorder recorder = new Recorder();
    long start = System.nanoTime();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < total; i++) {
        long scheduled = start + (long) (i * interval);
        long wait = scheduled - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        executor.execute(
            () -> {
              boolean ok = sendOne();
              recorder.record(System.nanoTime() - scheduled, ok);
            });
      }
      executor.shutdown();
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    }
    return Result.of(List.of(recorder), System.nanoTime() - start);
  }

  /** One signed webhook with a new MessageSid; true when the service answered 200. */
  private boolean sendOne() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String sid = String.format(Locale.ROOT, "SM%012x%020d", runId, sequence.incrementAndGet());
    String from = String.format(Locale.ROOT, "+1303555%04d", random.nextInt(senders));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("ToCountry", "US");
    form.put("ToState", "CO");
    form.put("SmsMessageSid", sid);
    form.put("NumMedia", "0");
    form.put("ToCity", "DENVER");
    form.put("FromZip", "80202");
    form.put("SmsSid", sid);
    form.put("FromState", "CO");
    form.put("SmsStatus", "received");
    form.put("FromCity", "DENVER");
    form.put("Body", BODIES[random.nextInt(BODIES.length)]);
    form.put("FromCountry", "US");
    form.put("To", TO);
    form.put("ToZip", "80202");
    form.put("NumSegments", "1");
    form.put("MessageSid", sid);
    form.put("AccountSid", accountSid);
    form.put("From", from);
    form.put("ApiVersion", "2010-04-01");
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(
                "X-Twilio-Signature", TwilioSignatures.signSingleValued(authToken, signedUrl, form))
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Latencies of one thread (closed loop) or of all requests (open loop, synchronized). */
  static final class Recorder {
    private long[] nanos = new long[1 << 16];
    private int count;
    private long errors;

    synchronized void record(long latency, boolean ok) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
      if (!ok) {
        errors++;
      }
    }
  }

  record Result(long[] sorted, long errors, long elapsedNanos) {
    static Result of(List<Recorder> recorders, long elapsedNanos) {
      long[] all =
          recorders.stream()
              .flatMapToLong(r -> Arrays.stream(r.nanos, 0, r.count))
              .sorted()
              .toArray();
      long errors = recorders.stream().mapToLong(r -> r.errors).sum();
      return new Result(all, errors, elapsedNanos);
    }

    long count() {
      return sorted.length;
    }

    double perSecond() {
      return sorted.length / (elapsedNanos / 1e9);
    }

    double percentileMillis(double percentile) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
  }

  /** Refuses anything but this machine: the generator is not a tool against other hosts. */
  static void requireLoopback(URI url) throws IOException {
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be http://<loopback host>:<port>");
    }
    for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException("--url must point at this machine (loopback only)");
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
