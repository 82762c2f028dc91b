package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what became of every stored inbound message from the use case's outcome, which is only
 * {@code Accepted} once the message is committed (a rolled-back or duplicate webhook counts
 * nothing): its detected language ({@code sms.inbound.languages}), whether its sender was over its
 * rate ({@code sms.inbound.throttled}) and how many answers it got ({@code sms.replies}).
 */
final class InboundCounts {

  private final Map<Language, Counter> languages = new EnumMap<>(Language.class);
  private final Counter throttled;
  private final Counter replies;

  InboundCounts(MeterRegistry registry) {
    for (Language language : Language.values()) {
      languages.put(
          language,
          Counter.builder(ServiceMetrics.INBOUND_LANGUAGES)
              .description("Inbound messages stored, by detected language")
              .tag("language", language.code())
              .register(registry));
    }
    throttled =
        Counter.builder(ServiceMetrics.INBOUND_THROTTLED)
            .description(
                "Inbound messages stored from senders over their rate: not answered, not delivered")
            .register(registry);
    replies =
        Counter.builder(ServiceMetrics.REPLIES)
            .description("Answers sent back in the webhook's TwiML (compliance and auto-replies)")
            .register(registry);
  }

  ReceiveInboundSms useCase(ReceiveInboundSms delegate) {
    return sms -> {
      InboundOutcome outcome = delegate.receive(sms);
      if (outcome instanceof InboundOutcome.Accepted accepted) {
        languages.get(accepted.language()).increment();
        if (accepted.throttled()) {
          throttled.increment();
        }
        replies.increment(accepted.replies().size());
      }
      return outcome;
    };
  }
}
