package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the language of every stored inbound message ({@code sms.inbound.languages}) from the use
 * case's outcome, which is only {@code Accepted} once the message is committed: a rolled-back or
 * duplicate webhook counts nothing.
 */
final class InboundLanguages {

  private final Map<Language, Counter> counters = new EnumMap<>(Language.class);

  InboundLanguages(MeterRegistry registry) {
    for (Language language : Language.values()) {
      counters.put(
          language,
          Counter.builder(ServiceMetrics.INBOUND_LANGUAGES)
              .description("Inbound messages stored, by detected language")
              .tag("language", language.code())
              .register(registry));
    }
  }

  ReceiveInboundSms useCase(ReceiveInboundSms delegate) {
    return sms -> {
      ReceiveInboundSms.InboundOutcome outcome = delegate.receive(sms);
      if (outcome instanceof ReceiveInboundSms.InboundOutcome.Accepted accepted) {
        counters.get(accepted.language()).increment();
      }
      return outcome;
    };
  }
}
