package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageUsage;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.optout.Keyword;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.optout.OptOutKeywords;
import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.domain.reply.ReplyPolicy;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.RateLimiter;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores an inbound SMS and everything it implies in one transaction: the conversation, the message
 * with its raw form and language, consent changes, the conversation's language, and a tenant-link
 * job while the tenant is unknown (or a verification job once the directory's link is older than
 * the link time-to-live), and the answers its {@link ReplyPolicy} gives, stored as outbound
 * messages of the conversation. A sender over its rate (counted for every instance by the {@link
 * RateLimiter}) is stored all the same, marked throttled, neither answered nor delivered to webhook
 * subscribers. A second webhook for the same SID changes nothing and gets the same answers.
 */
public final class ReceiveInboundSmsService implements ReceiveInboundSms {

  private static final System.Logger LOG =
      System.getLogger(ReceiveInboundSmsService.class.getName());

  /** The window of {@link SmsServices.Replies#repliesPerHour()}. */
  private static final Duration REPLY_WINDOW = Duration.ofHours(1);

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
  private final SmsServices.Replies replies;

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
      SmsServices.Replies replies,
      Clock clock) {
    this.replies = replies;
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
    Keyword keyword = keyword(sms);
    Segments segments = Segments.of(sms.body());
    int segmentCount = sms.reportedSegments() != null ? sms.reportedSegments() : segments.count();
    Instant now = clock.now();
    UUID messageId = clock.newId();
    InboundOutcome outcome =
        unitOfWork.inTransaction(
            tx -> {
              Conversation conversation =
                  conversations.upsert(Conversation.startedAt(clock.newId(), sender, now));
              // taken inside the transaction: a duplicate's rollback gives the token back
              boolean throttled = overRate(sender, now);
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
                  (throttled ? received.asThrottled() : received)
                      .withUsage(MessageUsage.processed(processingMillis(sms, now)));
              if (!messages.insert(message)) {
                tx.setRollbackOnly();
                return new InboundOutcome.Duplicate(sms.providerMessageId());
              }
              LanguageDetection kept = languages.offerToConversation(conversation, language, now);
              Conversation current = conversation.withLanguage(kept, now);
              events.record(
                  EventType.MESSAGE_RECEIVED,
                  new EventSubject(current, message, Map.of()),
                  now,
                  throttled);
              consent.apply(current, intent, now);
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
              List<ReceiveInboundSms.Reply> answers =
                  throttled ? List.of() : answer(current, message, keyword, intent, sms, now);
              return new InboundOutcome.Accepted(
                  messageId, conversation.id(), language.language(), throttled, answers);
            });
    if (outcome instanceof InboundOutcome.Duplicate duplicate) {
      // a repeated webhook (a retry, the fallback URL) gets the answers the first one got
      outcome =
          new InboundOutcome.Duplicate(
              duplicate.providerMessageId(), storedAnswers(sms.providerMessageId()));
    }
    switch (outcome) {
      case InboundOutcome.Accepted accepted ->
          LOG.log(
              Level.INFO,
              "inbound accepted sid={0} conversation={1} from={2} kind={3} language={4}"
                  + " throttled={5} replies={6}",
              sms.providerMessageId(),
              accepted.conversationId(),
              sender.masked(),
              sender.kind().code(),
              language.language().code(),
              accepted.throttled(),
              accepted.replies().size());
      case InboundOutcome.Duplicate duplicate ->
          LOG.log(Level.INFO, "inbound duplicate sid={0}", duplicate.providerMessageId());
    }
    return outcome;
  }

  /**
   * The consent keyword of the message: the one its body is, else the one the provider recognised
   * (a keyword of the provider's own list), in no particular language.
   */
  private Keyword keyword(InboundSms sms) {
    Optional<Keyword> written = optOutKeywords.keyword(sms.body());
    OptIntent provider = sms.keywordHandledByProvider();
    if (provider != null && provider != OptIntent.NONE) {
      return written
          .filter(k -> k.intent() == provider)
          .orElse(new Keyword(provider, Language.UNKNOWN));
    }
    return written.orElse(null);
  }

  private boolean overRate(Address sender, Instant now) {
    int perMinute = replies.inboundPerSenderPerMinute();
    return perMinute > 0
        && !replies.rateLimiter().take("inbound:" + sender.canonical(), perMinute, now).allowed();
  }

  /** Decides and stores the answers to {@code message}; inside its transaction. */
  private List<ReceiveInboundSms.Reply> answer(
      Conversation conversation,
      Message message,
      Keyword keyword,
      OptIntent intent,
      InboundSms sms,
      Instant now) {
    OptIntent provider = sms.keywordHandledByProvider();
    ReplyPolicy.Inbound inbound =
        new ReplyPolicy.Inbound(
            conversation.address().kind(),
            keyword,
            provider != null && provider != OptIntent.NONE,
            false,
            conversation.hasTenant(),
            conversation.workflowType(),
            conversation.consent(intent).optedOutAfter(conversation.optedOut()),
            conversation.language().language(),
            messages.repliesSince(conversation.id(), now.minus(REPLY_WINDOW)),
            rule -> messages.lastReplyOfRule(conversation.id(), rule),
            now);
    return replies
        .policy()
        .decide(inbound)
        .map(
            decided -> {
              // an answer's processing time is its message's: it leaves with the webhook's answer
              Message reply =
                  Message.reply(clock.newId(), message, decided, now).withUsage(message.usage());
              messages.insert(reply);
              LOG.log(
                  Level.INFO,
                  "reply {0} to {1}: source={2} rule={3} language={4} segments={5}",
                  reply.id(),
                  message.id(),
                  decided.source().code(),
                  decided.rule(),
                  decided.language().code(),
                  reply.numSegments());
              return List.of(new ReceiveInboundSms.Reply(reply.id(), reply.content()));
            })
        .orElse(List.of());
  }

  private List<ReceiveInboundSms.Reply> storedAnswers(String providerMessageId) {
    return messages
        .findBySid(providerMessageId)
        .map(stored -> messages.repliesTo(stored.id()))
        .orElse(List.of())
        .stream()
        .map(reply -> new ReceiveInboundSms.Reply(reply.id(), reply.content()))
        .toList();
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
