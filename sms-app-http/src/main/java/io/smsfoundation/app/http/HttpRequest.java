package io.smsfoundation.app.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One HTTP request as the endpoints see it, free of any web framework: the raw path and query (as
 * received, still percent-encoded, because Twilio signs them that way), decoded query and path
 * parameters, headers, the body bytes (already limited in size, read on first use: an endpoint that
 * refuses a request for its headers never makes the server read its body), the request id and the
 * authenticated caller. Immutable apart from the body array, which endpoints only read;
 * thread-safe.
 */
public final class HttpRequest {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> query;
  private final Map<String, String> pathParams;
  private final Map<String, String> headers;
  private final Supplier<byte[]> bodySource;
  private byte[] body;
  private final String requestId;
  private final String caller;
  private final long receivedNanos;
  private final String peerAddress;

  /**
   * @param headers header values by lower-case name (the first value of repeated headers)
   * @param body reads the body the first time it is asked for; may throw an {@link ApiError} (too
   *     large, too slow)
   * @param caller the id of the API key that authenticated the request, or {@code null}
   * @param receivedNanos {@link System#nanoTime()} when the request arrived, to measure how long
   *     answering it took
   * @param peerAddress the IP address of the socket peer (the client, or the proxy in front)
   */
  public HttpRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> query,
      Map<String, String> pathParams,
      Map<String, String> headers,
      Supplier<byte[]> body,
      String requestId,
      String caller,
      long receivedNanos,
      String peerAddress) {
    this.method = Objects.requireNonNull(method, "method");
    this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
    this.rawQuery = rawQuery;
    this.query = Map.copyOf(query);
    this.pathParams = Map.copyOf(pathParams);
    this.headers = Map.copyOf(headers);
    this.bodySource = Objects.requireNonNull(body, "body");
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.caller = caller;
    this.receivedNanos = receivedNanos;
    this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
  }

  public String method() {
    return method;
  }

  /** The path as received, percent-encoding intact. */
  public String rawPath() {
    return rawPath;
  }

  /** The query string as received, or {@code null} when there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  /** The first value of a query parameter, or {@code null}. */
  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** A path parameter, percent-decoded ({@code +} stays a plus sign). */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** A header's value, or {@code null}; names are case-insensitive. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Every header, by lower-case name (the first value of repeated headers). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body, read now when it was not read yet. */
  public synchronized byte[] body() {
    if (body == null) {
      byte[] read = bodySource.get();
      body = read == null ? new byte[0] : read;
    }
    return body;
  }

  public String requestId() {
    return requestId;
  }

  /** The id of the API key the caller presented ({@code key-1}, ...), or {@code null}. */
  public String caller() {
    return caller;
  }

  /** {@link System#nanoTime()} when the request arrived. */
  public long receivedNanos() {
    return receivedNanos;
  }

  /** The IP address of the socket peer: the client, or the proxy in front of the service. */
  public String peerAddress() {
    return peerAddress;
  }

  /** This request with its API-key caller set. */
  HttpRequest authenticatedAs(String callerId) {
    return new HttpRequest(
        method,
        rawPath,
        rawQuery,
        query,
        pathParams,
        headers,
        this::body,
        requestId,
        callerId,
        receivedNanos,
        peerAddress);
  }
}
