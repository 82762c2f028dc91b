package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.domain.usage.UsageThreshold;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusReport;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.MessageKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The whole use-case layer over in-memory adapters, with a hand-moved clock and manual jobs. */
final class Harness {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final LanguageDetector DETECTOR = new LanguageDetector();
  static final String TO = "+15005550006";

  final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
  final InMemoryAdapters adapters = InMemoryAdapters.create(clock);
  final SmsServices services;
  private final Duration sendWait;

  Harness() {
    this(Duration.ZERO);
  }

  Harness(Duration sendWait) {
    this(sendWait, UsageThreshold.OFF);
  }

  /** A harness whose days are announced past {@code threshold} segments. */
  Harness(UsageThreshold threshold) {
    this(Duration.ZERO, threshold);
  }

  private Harness(Duration sendWait, UsageThreshold threshold) {
    this.sendWait = sendWait;
    services = services(threshold);
    adapters.jobQueue().handleWith(services.jobHandler());
  }

  /** Another set of services over the same adapters, as a second instance would run. */
  SmsServices services(UsageThreshold threshold) {
    return SmsServices.create(
        adapters.ports(),
        new SmsServices.Settings(
                PhoneNumbers.forUnitedStates(), DETECTOR, sendWait, Duration.ofMinutes(10), clock)
            .withUsageThreshold(threshold));
  }

  static String sid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  static InboundSms inbound(String sid, String from, String body) {
    return inbound(sid, from, body, null);
  }

  /**
   * @param handledByProvider the keyword the provider says it answered itself, or {@code null}
   */
  static InboundSms inbound(String sid, String from, String body, OptIntent handledByProvider) {
    RawForm form =
        RawForm.builder().add("id", sid).add("from", from).add("body", body).add("to", TO).build();
    return new InboundSms(sid, from, TO, body, List.of(), 0, null, handledByProvider, form);
  }

  InboundOutcome receive(String from, String body) {
    return services.receiveInbound().receive(inbound(sid(), from, body));
  }

  StatusOutcome status(UUID messageId, String sid, String status) {
    return status(messageId, sid, status, null);
  }

  StatusOutcome status(UUID messageId, String sid, String status, String errorCode) {
    return status(messageId, sid, status, errorCode, false);
  }

  StatusOutcome status(
      UUID messageId, String sid, String status, String errorCode, boolean recipientOptedOut) {
    RawForm form = RawForm.builder().add("id", sid).add("status", status).build();
    return services
        .recordDeliveryStatus()
        .record(new StatusReport(messageId, sid, status, errorCode, recipientOptedOut, form));
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
