package io.smsfoundation.app.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal with its HTTP status and error code, answered with the error envelope. Carries no stack
 * trace: it is an outcome, not a bug.
 */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;
  private final transient Map<String, String> headers;
  private final String outcome;

  private ApiError(
      int status,
      String code,
      String message,
      Map<String, ?> details,
      Map<String, String> headers) {
    this(status, code, message, details, headers, null);
  }

  private ApiError(
      int status,
      String code,
      String message,
      Map<String, ?> details,
      Map<String, String> headers,
      String outcome) {
    super(message, null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.details = details == null ? Map.of() : new LinkedHashMap<>(details);
    this.headers = Map.copyOf(headers);
    this.outcome = outcome;
  }

  /** This refusal with an outcome word for the log and metrics ({@code invalid_signature}). */
  public ApiError withOutcome(String word) {
    return new ApiError(status, code, getMessage(), details, headers, word);
  }

  /** The outcome word for the log and metrics: the one given, else the error code. */
  public String outcome() {
    return outcome == null ? code : outcome;
  }

  public static ApiError validation(String message, Map<String, ?> details) {
    return new ApiError(400, "sms.validation_error", message, details, Map.of());
  }

  public static ApiError unauthorized() {
    return unauthorized("A valid API key is required: send it as 'Authorization: Bearer <key>'");
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(
        401, "sms.unauthorized", message, null, Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "sms.forbidden", message, null, Map.of());
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "sms.not_found", message, null, Map.of());
  }

  public static ApiError methodNotAllowed() {
    return new ApiError(
        405, "sms.method_not_allowed", "This method is not allowed on this path", null, Map.of());
  }

  /** 409 with a specific code such as {@code sms.opted_out}. */
  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message, null, Map.of());
  }

  public static ApiError payloadTooLarge(int limitBytes) {
    return new ApiError(
        413,
        "sms.payload_too_large",
        "The request body is larger than " + limitBytes + " bytes",
        Map.of("limit_bytes", limitBytes),
        Map.of());
  }

  /** 408: the request (its body) did not arrive in time. */
  public static ApiError requestTimeout() {
    return new ApiError(
        408,
        "sms.request_timeout",
        "The request did not arrive in time; send it again, faster",
        null,
        Map.of("Connection", "close"));
  }

  /** 414: the request line is longer than the server reads. */
  public static ApiError uriTooLong(int limitBytes) {
    return new ApiError(
        414,
        "sms.uri_too_long",
        "The request URI is longer than the server reads",
        Map.of("limit_bytes", limitBytes),
        Map.of());
  }

  /** 415: the body is not of the media type the endpoint reads. */
  public static ApiError unsupportedMediaType(String expected) {
    return new ApiError(
        415,
        "sms.unsupported_media_type",
        "The request body must be " + expected,
        Map.of("Content-Type", "must be " + expected),
        Map.of());
  }

  /** 431: the request's headers are larger than the server reads. */
  public static ApiError headersTooLarge(int limitBytes) {
    return new ApiError(
        431,
        "sms.headers_too_large",
        "The request headers are larger than the server reads",
        Map.of("limit_bytes", limitBytes),
        Map.of());
  }

  /** Any other refusal of a request the server could not even read, with its 4xx status. */
  public static ApiError malformed(int status) {
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("not a client error: " + status);
    }
    return new ApiError(
        status, "sms.malformed_request", "The request is malformed", null, Map.of());
  }

  public static ApiError idempotencyMismatch() {
    return new ApiError(
        422,
        "sms.idempotency_mismatch",
        "This Idempotency-Key was already used for a different request",
        null,
        Map.of());
  }

  public static ApiError rateLimited(long retryAfterSeconds) {
    return new ApiError(
        429,
        "sms.rate_limited",
        "Too many sends with this API key; retry after " + retryAfterSeconds + " s",
        Map.of("retry_after_seconds", retryAfterSeconds),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** A client address that sent too many webhooks with a bad signature. */
  public static ApiError tooManyForgedWebhooks(long retryAfterSeconds) {
    return new ApiError(
        429,
        "sms.rate_limited",
        "Too many webhooks with a bad signature from this address; retry after "
            + retryAfterSeconds
            + " s",
        Map.of("retry_after_seconds", retryAfterSeconds),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static ApiError internal() {
    return new ApiError(500, "sms.internal", "Internal error", null, Map.of());
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "sms.unavailable", message, null, Map.of("Retry-After", "5"));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  /** Headers to send with the envelope ({@code Retry-After}, {@code WWW-Authenticate}). */
  public Map<String, String> headers() {
    return headers;
  }
}
