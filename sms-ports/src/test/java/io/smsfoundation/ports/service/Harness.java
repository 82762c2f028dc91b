package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusCallback;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.MessageKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The whole use-case layer over in-memory adapters, with a hand-moved clock and manual jobs. */
final class Harness {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final LanguageDetector DETECTOR = new LanguageDetector();

  final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
  final InMemoryAdapters adapters = InMemoryAdapters.create();
  final SmsServices services;

  Harness() {
    this(Duration.ZERO);
  }

  Harness(Duration sendWait) {
    services =
        SmsServices.create(
            adapters.ports(),
            new SmsServices.Settings(
                PhoneNumbers.forUnitedStates(), DETECTOR, sendWait, Duration.ofMinutes(10), clock));
    adapters.jobQueue().handleWith(services.jobHandler());
  }

  static String sid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  static InboundSms inbound(String sid, String from, String body) {
    return inbound(sid, from, body, null);
  }

  static InboundSms inbound(String sid, String from, String body, String optOutType) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("AccountSid", "AC" + "0".repeat(32));
    form.put("From", from);
    form.put("To", "+15005550006");
    form.put("Body", body);
    form.put("NumMedia", "0");
    if (optOutType != null) {
      form.put("OptOutType", optOutType);
    }
    return new InboundSms(sid, from, "+15005550006", body, 0, List.of(), optOutType, form);
  }

  InboundOutcome receive(String from, String body) {
    return services.receiveInbound().receive(inbound(sid(), from, body));
  }

  StatusOutcome status(UUID messageId, String sid, String status) {
    return status(messageId, sid, status, null);
  }

  StatusOutcome status(UUID messageId, String sid, String status, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("MessageStatus", status);
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    return services
        .recordDeliveryStatus()
        .record(new StatusCallback(messageId, sid, status, errorCode, form));
  }

  Conversation conversation(String canonical) {
    return adapters.conversations().findByCanonical(canonical).orElseThrow();
  }

  Message message(UUID id) {
    return adapters.messages().findById(id).orElseThrow();
  }

  List<Message> messagesOf(UUID conversationId) {
    return adapters.messages().page(conversationId, Optional.<MessageKey>empty(), 1000);
  }

  /** Runs background jobs until none is left (bounded, for jobs that keep retrying). */
  void runJobs() {
    adapters.jobQueue().runUntilIdle(10);
  }
}
