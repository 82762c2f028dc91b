package io.smsfoundation.app.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an endpoint answers: status, content type, body and extra headers, plus a short outcome word
 * for the access log ({@code accepted}, {@code duplicate}...). Immutable.
 */
public final class HttpReply {

  static final String JSON = "application/json";
  static final String XML = "text/xml";

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final Map<String, String> headers;
  private final String outcome;
  private final Runnable afterWritten;

  private HttpReply(
      int status, String contentType, byte[] body, Map<String, String> headers, String outcome) {
    this(status, contentType, body, headers, outcome, null);
  }

  private HttpReply(
      int status,
      String contentType,
      byte[] body,
      Map<String, String> headers,
      String outcome,
      Runnable afterWritten) {
    this.status = status;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.body = Objects.requireNonNull(body, "body");
    this.headers = Map.copyOf(headers);
    this.outcome = outcome;
    this.afterWritten = afterWritten;
  }

  /** A JSON answer with an already serialized body. */
  public static HttpReply json(int status, byte[] body) {
    return new HttpReply(status, JSON, body, Map.of(), null);
  }

  /** A 204: done, nothing to show. */
  public static HttpReply noContent() {
    return new HttpReply(204, JSON, new byte[0], Map.of(), null);
  }

  /** A text answer, such as the Prometheus exposition format. */
  public static HttpReply text(int status, String contentType, String body) {
    return new HttpReply(
        status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), null);
  }

  /** A 200 with a TwiML document, the answer Twilio expects from a webhook. */
  public static HttpReply xml(byte[] twiml) {
    return new HttpReply(200, XML, twiml, Map.of(), null);
  }

  public HttpReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, contentType, body, more, outcome, afterWritten);
  }

  /** This reply with an outcome word for the access log. */
  public HttpReply withOutcome(String word) {
    return new HttpReply(status, contentType, body, headers, word, afterWritten);
  }

  /**
   * This reply with something to run once its body is written to the client (measuring how long the
   * answer took, say); the server runs it on the request's thread and logs a failure.
   */
  public HttpReply afterWritten(Runnable action) {
    return new HttpReply(status, contentType, body, headers, outcome, action);
  }

  /** What to run once the reply is written, or {@code null}. */
  Runnable afterWritten() {
    return afterWritten;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The outcome word, or {@code null}. */
  public String outcome() {
    return outcome;
  }
}
