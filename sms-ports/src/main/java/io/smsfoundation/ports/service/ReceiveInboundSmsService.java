package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageUsage;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.optout.OptOutKeywords;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Stores an inbound SMS and everything it implies in one transaction: the conversation, the message
 * with its raw form and language, consent changes, the conversation's language, and a tenant-link
 * job while the tenant is unknown (or a verification job once the directory's link is older than
 * the link time-to-live). A second webhook for the same SID changes nothing.
 */
public final class ReceiveInboundSmsService implements ReceiveInboundSms {

  private static final System.Logger LOG =
      System.getLogger(ReceiveInboundSmsService.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final MessageStore messages;
  private final TenantNumbers tenantNumbers;
  private final JobQueue jobs;
  private final PhoneNumbers phones;
  private final LanguageDetector detector;
  private final OptOutKeywords optOutKeywords;
  private final LanguageChanges languages;
  private final Consent consent;
  private final EventRecorder events;
  private final ServiceClock clock;
  private final boolean linkTenants;
  private final Duration tenantLinkTtl;

  /**
   * @param linkTenants whether conversations without a tenant get a tenant-link job (false when no
   *     directory is configured)
   * @param tenantLinkTtl how long a link the directory made holds before the next inbound message
   *     has it verified again
   */
  ReceiveInboundSmsService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      MessageStore messages,
      TenantNumbers tenantNumbers,
      JobQueue jobs,
      PhoneNumbers phones,
      LanguageDetector detector,
      boolean linkTenants,
      EventRecorder events,
      Duration tenantLinkTtl,
      Clock clock) {
    this.linkTenants = linkTenants;
    this.tenantLinkTtl = tenantLinkTtl;
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.tenantNumbers = tenantNumbers;
    this.jobs = jobs;
    this.phones = phones;
    this.detector = detector;
    this.optOutKeywords = new OptOutKeywords();
    this.languages = new LanguageChanges(conversations, tenantNumbers);
    this.events = events;
    this.consent = new Consent(conversations, events);
    this.clock = new ServiceClock(clock);
  }

  @Override
  public InboundOutcome receive(InboundSms sms) {
    Address sender = phones.classify(sms.from());
    LanguageDetection language = detector.detect(sms.body());
    OptIntent intent = optOutKeywords.classify(sms.body(), sms.keywordHandledByProvider());
    Segments segments = Segments.of(sms.body());
    int segmentCount = sms.reportedSegments() != null ? sms.reportedSegments() : segments.count();
    Instant now = clock.now();
    UUID messageId = clock.newId();
    InboundOutcome outcome =
        unitOfWork.inTransaction(
            tx -> {
              Conversation conversation =
                  conversations.upsert(Conversation.startedAt(clock.newId(), sender, now));
              Message received =
                  Message.inbound(
                      messageId,
                      conversation.id(),
                      sms.providerMessageId(),
                      sms.from(),
                      sms.to(),
                      sms.body(),
                      segmentCount,
                      segments.encoding(),
                      sms.media(),
                      sms.mediaCount(),
                      language,
                      sms.rawForm(),
                      now);
              Message message =
                  received.withUsage(MessageUsage.processed(processingMillis(sms, now)));
              if (!messages.insert(message)) {
                tx.setRollbackOnly();
                return new InboundOutcome.Duplicate(sms.providerMessageId());
              }
              LanguageDetection kept = languages.offerToConversation(conversation, language, now);
              events.record(
                  EventType.MESSAGE_RECEIVED,
                  new EventSubject(conversation.withLanguage(kept, now), message, Map.of()),
                  now);
              consent.apply(conversation.withLanguage(kept, now), intent, now);
              if (conversation.hasTenant()) {
                tenantNumbers.recordUse(conversation.tenantId(), sender.canonical(), now);
                if (languages.offerToTenant(conversation.tenantId(), kept, now)) {
                  jobs.enqueue(new Job(Job.Type.PUSH_TENANT_LANGUAGE, conversation.tenantId()));
                }
                if (linkTenants && conversation.needsTenantVerification(now, tenantLinkTtl)) {
                  // numbers are recycled: ask again, in the background, whose number this is
                  jobs.enqueue(new Job(Job.Type.VERIFY_TENANT, conversation.id().toString()));
                }
              } else if (linkTenants && conversation.needsTenantLookup()) {
                jobs.enqueue(new Job(Job.Type.LINK_TENANT, conversation.id().toString()));
              }
              return new InboundOutcome.Accepted(messageId, conversation.id(), language.language());
            });
    switch (outcome) {
      case InboundOutcome.Accepted accepted ->
          LOG.log(
              Level.INFO,
              "inbound accepted sid={0} conversation={1} from={2} kind={3} language={4}",
              sms.providerMessageId(),
              accepted.conversationId(),
              sender.masked(),
              sender.kind().code(),
              language.language().code());
      case InboundOutcome.Duplicate duplicate ->
          LOG.log(Level.INFO, "inbound duplicate sid={0}", duplicate.providerMessageId());
    }
    return outcome;
  }

  /**
   * From the request's arrival to the message's write: what the request took before this call, and
   * this call up to now. The commit that follows is not included: counting it would cost a second
   * write of every message.
   */
  private long processingMillis(InboundSms sms, Instant started) {
    Duration here = Duration.between(started, clock.now());
    return Math.max(0, sms.alreadyTaken().plus(here).toMillis());
  }
}
