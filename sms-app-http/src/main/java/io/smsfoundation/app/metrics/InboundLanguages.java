package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.MessageStore;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Counts the language of every stored inbound message ({@code sms.inbound.languages}). The message
 * store sees the language, the use case sees the commit: the store decorator notes the language on
 * the calling thread and the use-case decorator counts it once the message is committed, so a
 * rolled-back or duplicate webhook counts nothing.
 */
final class InboundLanguages {

  private final ThreadLocal<Language> stored = new ThreadLocal<>();
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

  MessageStore store(MessageStore delegate) {
    return new NotingStore(delegate);
  }

  ReceiveInboundSms useCase(ReceiveInboundSms delegate) {
    return sms -> {
      stored.remove();
      try {
        ReceiveInboundSms.InboundOutcome outcome = delegate.receive(sms);
        Language language = stored.get();
        if (outcome instanceof ReceiveInboundSms.InboundOutcome.Accepted && language != null) {
          counters.get(language).increment();
        }
        return outcome;
      } finally {
        stored.remove();
      }
    };
  }

  /** Notes the language of an inbound message it inserts; everything else passes through. */
  private final class NotingStore implements MessageStore {

    private final MessageStore delegate;

    NotingStore(MessageStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean insert(Message message) {
      boolean inserted = delegate.insert(message);
      if (inserted && message.direction() == Direction.INBOUND) {
        LanguageDetection language = message.language();
        stored.set(language == null ? Language.UNKNOWN : language.language());
      }
      return inserted;
    }

    @Override
    public Optional<Message> findById(UUID id) {
      return delegate.findById(id);
    }

    @Override
    public Optional<Message> findBySid(String twilioSid) {
      return delegate.findBySid(twilioSid);
    }

    @Override
    public Optional<Message> findByIdempotencyKey(String idempotencyKey) {
      return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public Optional<Message> lockById(UUID id) {
      return delegate.lockById(id);
    }

    @Override
    public Optional<Message> lockBySid(String twilioSid) {
      return delegate.lockBySid(twilioSid);
    }

    @Override
    public List<Message> page(UUID conversationId, Optional<MessageKey> after, int limit) {
      return delegate.page(conversationId, after, limit);
    }

    @Override
    public void updateDelivery(UUID messageId, DeliveryUpdate update) {
      delegate.updateDelivery(messageId, update);
    }

    @Override
    public boolean appendStatusEvent(StatusEvent event) {
      return delegate.appendStatusEvent(event);
    }

    @Override
    public List<StatusEvent> statusEvents(UUID messageId) {
      return delegate.statusEvents(messageId);
    }

    @Override
    public List<StatusEvent> unattachedStatusEvents(String twilioSid) {
      return delegate.unattachedStatusEvents(twilioSid);
    }

    @Override
    public void attachStatusEvents(String twilioSid, UUID messageId) {
      delegate.attachStatusEvents(twilioSid, messageId);
    }
  }
}
