package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.app.http.ExchangeObserver;
import java.util.concurrent.TimeUnit;

/**
 * HTTP latency per route template, method and status ({@code http.server.requests}), and the
 * outcome of every Twilio webhook ({@code sms.webhooks}, {@code sms.duplicates.skipped}).
 */
final class HttpMetrics implements ExchangeObserver {

  static final String INBOUND_ROUTE = "/webhook/twilio/sms";
  static final String STATUS_ROUTE = "/webhook/twilio/status";
  static final String VOICE_ROUTE = "/webhook/twilio/voice";
  static final String VOICE_STATUS_ROUTE = "/webhook/twilio/voice/status";

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void answered(String method, String route, int status, String outcome, long nanos) {
    Timer.builder(ServiceMetrics.HTTP_REQUESTS)
        .description("HTTP requests answered, by route template, method and status")
        .tag("method", knownMethod(method))
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .serviceLevelObjectives(ServiceMetrics.LATENCY_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    String webhook =
        switch (route) {
          case INBOUND_ROUTE -> "inbound";
          case STATUS_ROUTE -> "status";
          case VOICE_ROUTE -> "voice";
          case VOICE_STATUS_ROUTE -> "voice_status";
          default -> null;
        };
    if (webhook == null) {
      return;
    }
    String word = webhookOutcome(outcome);
    Counter.builder(ServiceMetrics.WEBHOOKS)
        .description("Twilio webhooks, by kind and outcome")
        .tag("webhook", webhook)
        .tag("outcome", word)
        .register(registry)
        .increment();
    if (word.equals("duplicate")) {
      Counter.builder(ServiceMetrics.DUPLICATES_SKIPPED)
          .description("Webhooks Twilio sent again, recognised and not stored twice")
          .tag("webhook", webhook)
          .register(registry)
          .increment();
    }
  }

  /** Any method may arrive at an unmatched path; only the standard ones get their own series. */
  private static String knownMethod(String method) {
    return switch (method) {
      case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" -> method;
      default -> "OTHER";
    };
  }

  /** The endpoints' outcome words and error codes, reduced to a small fixed set. */
  static String webhookOutcome(String outcome) {
    if (outcome == null) {
      return "error";
    }
    if (outcome.startsWith("status ")) {
      return "applied";
    }
    if (outcome.startsWith("unchanged")) {
      return "unchanged";
    }
    return switch (outcome) {
      case "accepted", "duplicate", "invalid_signature", "not_outbound", "conflicting", "invalid" ->
          outcome;
      case "kept_for_later" -> "kept";
      case "unknown_call", "mismatched" -> outcome;
      case "sms.validation_error",
          "sms.payload_too_large",
          "sms.request_timeout",
          "sms.uri_too_long",
          "sms.headers_too_large",
          "sms.unsupported_media_type",
          "sms.malformed_request" ->
          "invalid";
      case "sms.unavailable" -> "unavailable";
      default -> "error";
    };
  }
}
