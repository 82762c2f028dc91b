package io.smsfoundation.adapter.twilio.webhook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A webhook request as it reached the service, free of any web framework. The body may be read on
 * first use, so that a request refused for its headers (no signature) is answered without its body
 * ever being read. Immutable once the body is read; thread-safe.
 */
public final class WebhookRequest {

  private final String method;
  private final String url;
  private final Map<String, String> headers;
  private final Supplier<byte[]> bodySource;
  private final long receivedNanos;
  private byte[] body;

  /**
   * @param method the HTTP method
   * @param url the public URL Twilio called: the service's public base URL, the request's path and
   *     its query string exactly as received (still percent-encoded), because Twilio signs it so
   * @param headers header values by name (names are compared without regard to case)
   * @param body the request body, already limited in size; handlers only read it
   * @param receivedNanos {@link System#nanoTime()} when the request arrived, to measure how long
   *     the service took to answer
   */
  public WebhookRequest(
      String method, String url, Map<String, String> headers, byte[] body, long receivedNanos) {
    this(method, url, headers, constant(body), receivedNanos);
  }

  /**
   * Like the other constructor, with a body read on first use.
   *
   * @param body reads the body (limited in size) the first time a handler asks for it; may throw
   *     when it cannot, and the failure propagates to the caller of the handler
   */
  public WebhookRequest(
      String method,
      String url,
      Map<String, String> headers,
      Supplier<byte[]> body,
      long receivedNanos) {
    this.method = Objects.requireNonNull(method, "method");
    this.url = Objects.requireNonNull(url, "url");
    Map<String, String> lower = new HashMap<>();
    if (headers != null) {
      headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    }
    this.headers = Map.copyOf(lower);
    this.bodySource = Objects.requireNonNull(body, "body");
    this.receivedNanos = receivedNanos;
  }

  private static Supplier<byte[]> constant(byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    return () -> bytes;
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  /** Header values by lower-case name. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body, read now when it was not yet; handlers only read the array. */
  public synchronized byte[] body() {
    if (body == null) {
      byte[] read = bodySource.get();
      body = read == null ? new byte[0] : read;
    }
    return body;
  }

  public long receivedNanos() {
    return receivedNanos;
  }

  /** A header's value, or {@code null}. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The query string of {@link #url()} as received, or {@code null} when there is none. */
  public String rawQuery() {
    int start = url.indexOf('?');
    return start < 0 ? null : url.substring(start + 1);
  }
}
