package io.smsfoundation.app.load;

import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms.SignedWebhook;
import io.smsfoundation.domain.message.RawForm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts correctly signed voice webhooks (each a new call, {@code CallSid} unique) to a service on
 * this machine on a fixed schedule and reports the latency of the TwiML answers: p50, p90, p99,
 * max, and errors (any answer but 200 with a {@code <Response>}). Open loop: request i starts at
 * {@code start + i / rate}, and its latency counts from then, so a stalled service is not hidden by
 * the generator waiting for it.
 *
 * <p>Options: {@code --url} (default {@code http://127.0.0.1:8080}), {@code --public-url} (what
 * signatures are computed against; default the URL), {@code --auth-token} (default {@code
 * TWILIO_AUTH_TOKEN}), {@code --rate} (calls/s, 200), {@code --warmup} (seconds, 5), {@code
 * --duration} (seconds, 30), {@code --callers} (300 numbers, so that most calls find their
 * conversation). The last line printed is machine-readable ({@code RESULT key=value ...}).
 */
public final class VoiceLoad {

  private static final String PATH = "/webhook/twilio/voice";
  private static final String TO = "+15005550006";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI target;
  private final String signedUrl;
  private final String authToken;
  private final int callers;
  private final AtomicLong sequence = new AtomicLong();
  // CallSids are CA + 32 hex digits: 12 for this run, 20 (decimal) for the call
  private final long runId = System.currentTimeMillis();

  VoiceLoad(URI base, String publicBase, String authToken, int callers) {
    this.target = URI.create(InboundLoad.stripSlash(base.toString()) + PATH);
    this.signedUrl = InboundLoad.stripSlash(publicBase) + PATH;
    this.authToken = authToken;
    this.callers = callers;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = InboundLoad.options(args);
    URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    InboundLoad.requireLoopback(url);
    String token = options.getOrDefault("auth-token", System.getenv("TWILIO_AUTH_TOKEN"));
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no auth token: pass --auth-token or TWILIO_AUTH_TOKEN");
    }
    double rate = Double.parseDouble(options.getOrDefault("rate", "200"));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
    int callers = Integer.parseInt(options.getOrDefault("callers", "300"));
    VoiceLoad load =
        new VoiceLoad(
            url, options.getOrDefault("public-url", url.toString()), token.strip(), callers);
    load.openLoop(rate, warmup);
    InboundLoad.Result result = load.openLoop(rate, duration);
    System.out.printf(
        Locale.ROOT,
        "voice webhooks, rate=%.0f/s, %d s after %d s warm-up: %d calls, %.1f calls/s, TwiML"
            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d%n",
        rate,
        duration.toSeconds(),
        warmup.toSeconds(),
        result.count(),
        result.perSecond(),
        result.percentileMillis(50),
        result.percentileMillis(90),
        result.percentileMillis(99),
        result.percentileMillis(100),
        result.errors());
    System.out.printf(
        Locale.ROOT,
        "RESULT calls=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d%n",
        result.count(),
        result.perSecond(),
        result.percentileMillis(50),
        result.percentileMillis(90),
        result.percentileMillis(99),
        result.percentileMillis(100),
        result.errors());
    System.exit(result.errors() == 0 ? 0 : 1);
  }

  InboundLoad.Result openLoop(double rate, Duration duration) throws InterruptedException {
    long total = (long) (rate * duration.toSeconds());
    double interval = 1e9 / rate;
    InboundLoad.Recorder recorder = new InboundLoad.Recorder();
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
              boolean ok = callOnce();
              recorder.record(System.nanoTime() - scheduled, ok);
            });
      }
      executor.shutdown();
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    }
    return InboundLoad.Result.of(List.of(recorder), System.nanoTime() - start);
  }

  /** One signed voice webhook for a new call; true when the service answered TwiML with 200. */
  private boolean callOnce() {
    String sid = String.format(Locale.ROOT, "CA%012x%020d", runId, sequence.incrementAndGet());
    String from =
        String.format(Locale.ROOT, "+1720555%04d", ThreadLocalRandom.current().nextInt(callers));
    RawForm form = TwilioWebhookForms.incomingCall("AC" + "0".repeat(32), sid, from, TO);
    SignedWebhook webhook = TwilioWebhookForms.sign(authToken, signedUrl, form);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(SignedWebhook.SIGNATURE_HEADER, webhook.signature())
            .header("User-Agent", "TwilioProxy/1.1")
            .POST(HttpRequest.BodyPublishers.ofString(webhook.body()))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("<Response>");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
