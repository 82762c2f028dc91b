package io.smsfoundation.app.events;

import io.smsfoundation.ports.out.WebhookSender;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@link WebhookSender} over the JDK's {@link HttpClient}: one shared client (HTTP/1.1 and 2,
 * connection reuse), redirects never followed, {@link WebhookSender#TIMEOUT} for the answer, the
 * answer's body discarded. Thread-safe; {@link #close()} releases the connections.
 */
public final class JdkWebhookSender implements WebhookSender, AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();
  private final String userAgent;

  /**
   * @param version the service's version, for the {@code User-Agent} header
   */
  public JdkWebhookSender(String version) {
    this.userAgent = "sms-foundation-webhooks/" + version;
  }

  @Override
  public SendAttempt post(WebhookPost post) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(post.url())
            .timeout(TIMEOUT)
            .header("User-Agent", userAgent)
            .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()));
    post.headers().forEach(request::header);
    long started = System.nanoTime();
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return new SendAttempt.Answered(response.statusCode(), since(started));
    } catch (HttpTimeoutException timeout) {
      return new SendAttempt.NoAnswer("timed out", since(started));
    } catch (IOException failed) {
      return new SendAttempt.NoAnswer(failed.getClass().getSimpleName(), since(started));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new SendAttempt.NoAnswer("interrupted", since(started));
    } catch (IllegalArgumentException refused) {
      return new SendAttempt.NoAnswer("refused by the HTTP client", since(started));
    }
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void close() {
    http.close();
  }
}
