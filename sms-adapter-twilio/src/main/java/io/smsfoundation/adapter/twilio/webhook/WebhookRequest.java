package io.smsfoundation.adapter.twilio.webhook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook request as it reached the service, free of any web framework.
 *
 * @param method the HTTP method
 * @param url the public URL Twilio called: the service's public base URL, the request's path and
 *     its query string exactly as received (still percent-encoded), because Twilio signs it so
 * @param headers header values by name (names are compared without regard to case)
 * @param body the request body, already limited in size; handlers only read it
 * @param receivedNanos {@link System#nanoTime()} when the request arrived, to measure how long the
 *     service took to answer
 */
public record WebhookRequest(
    String method, String url, Map<String, String> headers, byte[] body, long receivedNanos) {

  public WebhookRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Map<String, String> lower = new HashMap<>();
    if (headers != null) {
      headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    }
    headers = Map.copyOf(lower);
    body = body == null ? new byte[0] : body;
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
