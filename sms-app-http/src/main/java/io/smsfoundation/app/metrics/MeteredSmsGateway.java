package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.time.Instant;
import java.util.List;

/**
 * Counts every send by outcome and error class ({@code sms.sends}), times the provider call, and
 * counts the status the provider's answer gives the message ({@code sms.delivery.statuses}).
 */
final class MeteredSmsGateway implements SmsGateway {

  private final SmsGateway delegate;
  private final MeterRegistry registry;

  MeteredSmsGateway(SmsGateway delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public PriceLookup lookupPrice(String providerMessageId) {
    return delegate.lookupPrice(providerMessageId);
  }

  @Override
  public SendOutcome send(OutboundSms sms) {
    long start = System.nanoTime();
    SendOutcome outcome = delegate.send(sms);
    long elapsed = System.nanoTime() - start;
    String name;
    String errorClass;
    String errorCode = Labels.NONE;
    DeliveryStatus status;
    switch (outcome) {
      case SendOutcome.Sent sent -> {
        name = "sent";
        errorClass = Labels.NONE;
        status = sent.status();
      }
      case SendOutcome.Rejected rejected -> {
        name = "rejected";
        errorClass = rejected.recipientOptedOut() ? "opted_out" : "permanent";
        errorCode = Labels.errorCode(rejected.errorCode());
        status = DeliveryStatus.FAILED;
      }
      case SendOutcome.RetryLater later -> {
        name = "retry_later";
        errorClass = "transient";
        status = null;
      }
      case SendOutcome.Unknown unknown -> {
        name = "unknown";
        errorClass = "ambiguous";
        status = DeliveryStatus.UNKNOWN;
      }
    }
    Counter.builder(ServiceMetrics.SENDS)
        .description("Attempts to hand a message to Twilio, by outcome and error class")
        .tag("outcome", name)
        .tag("error_class", errorClass)
        .tag("error_code", errorCode)
        .register(registry)
        .increment();
    Timer.builder(ServiceMetrics.SEND_DURATION)
        .description("How long handing a message to Twilio took, retries included")
        .tag("outcome", name)
        .serviceLevelObjectives(ServiceMetrics.LATENCY_BUCKETS)
        .register(registry)
        .record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (status != null) {
      ServiceMetrics.countStatus(registry, status);
    }
    return outcome;
  }

  @Override
  public List<ProviderMessage> sentTo(PhoneNumber to, Instant since) {
    return delegate.sentTo(to, since);
  }
}
