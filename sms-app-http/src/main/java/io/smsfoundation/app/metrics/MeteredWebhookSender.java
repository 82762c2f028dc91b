package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.ports.out.WebhookSender;
import java.util.concurrent.TimeUnit;

/**
 * Counts every webhook delivery attempt by subscription and outcome ({@code sms.event.deliveries}:
 * {@code delivered}, {@code rejected} for a non-2xx answer, {@code no_answer}) and times it ({@code
 * sms.event.delivery.latency}).
 */
final class MeteredWebhookSender implements WebhookSender {

  private final WebhookSender delegate;
  private final MeterRegistry registry;

  MeteredWebhookSender(WebhookSender delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public SendAttempt post(WebhookPost post) {
    SendAttempt attempt = delegate.post(post);
    String outcome =
        switch (attempt) {
          case SendAttempt.Answered answered -> answered.accepted() ? "delivered" : "rejected";
          case SendAttempt.NoAnswer none -> "no_answer";
        };
    Counter.builder(ServiceMetrics.EVENT_DELIVERIES)
        .description("Webhook delivery attempts, by subscription and outcome")
        .tag("subscription", post.subscriptionId())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder(ServiceMetrics.EVENT_DELIVERY_LATENCY)
        .description("How long a webhook delivery attempt took, answer included")
        .tag("outcome", outcome)
        .serviceLevelObjectives(ServiceMetrics.LATENCY_BUCKETS)
        .register(registry)
        .record(attempt.latency().toNanos(), TimeUnit.NANOSECONDS);
    return attempt;
  }
}
