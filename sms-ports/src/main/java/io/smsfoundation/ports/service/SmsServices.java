package io.smsfoundation.ports.service;

import io.smsfoundation.domain.language.LanguageDetector;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.domain.reply.ReplyPolicy;
import io.smsfoundation.domain.usage.UsageThreshold;
import io.smsfoundation.ports.in.CheckUsageThreshold;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.LinkTenant;
import io.smsfoundation.ports.in.ManageSubscriptions;
import io.smsfoundation.ports.in.ReadConversation;
import io.smsfoundation.ports.in.ReadEvents;
import io.smsfoundation.ports.in.ReadMessage;
import io.smsfoundation.ports.in.ReadUsage;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.in.SendSms;
import io.smsfoundation.ports.in.SetTenant;
import io.smsfoundation.ports.in.SetWorkflow;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads;
import io.smsfoundation.ports.out.EventStore;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.MessageStore;
import io.smsfoundation.ports.out.RateLimiter;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.out.SubscriptionStore;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import io.smsfoundation.ports.out.UsageLedger;
import io.smsfoundation.ports.out.WebhookSender;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every use case of the service, built over one set of driven ports. The application's composition
 * root and embedders build it once; the {@link #jobHandler()} is what the job queue runs.
 */
public record SmsServices(
    ReceiveInboundSms receiveInbound,
    RecordDeliveryStatus recordDeliveryStatus,
    SendSms sendSms,
    ReadConversation readConversation,
    ReadMessage readMessage,
    ReadUsage readUsage,
    CheckUsageThreshold checkUsageThreshold,
    SetWorkflow setWorkflow,
    SetTenant setTenant,
    LinkTenant linkTenant,
    ReconcileUnknownConversations reconcileUnknownConversations,
    ReadEvents readEvents,
    ManageSubscriptions manageSubscriptions,
    JobHandler jobHandler) {

  /** The driven ports the services run on. */
  public record Ports(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      MessageStore messages,
      UsageLedger usage,
      TenantNumbers tenantNumbers,
      TenantDirectory tenantDirectory,
      SmsGateway smsGateway,
      JobQueue jobQueue,
      EventStore events,
      SubscriptionStore subscriptions,
      EventPayloads eventPayloads,
      WebhookSender webhookSender) {

    public Ports {
      Objects.requireNonNull(unitOfWork, "unitOfWork");
      Objects.requireNonNull(conversations, "conversations");
      Objects.requireNonNull(messages, "messages");
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(tenantNumbers, "tenantNumbers");
      Objects.requireNonNull(tenantDirectory, "tenantDirectory");
      Objects.requireNonNull(smsGateway, "smsGateway");
      Objects.requireNonNull(jobQueue, "jobQueue");
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(subscriptions, "subscriptions");
      Objects.requireNonNull(eventPayloads, "eventPayloads");
      Objects.requireNonNull(webhookSender, "webhookSender");
    }

    /** These ports with another tenant directory. */
    public Ports withTenantDirectory(TenantDirectory directory) {
      return new Ports(
          unitOfWork,
          conversations,
          messages,
          usage,
          tenantNumbers,
          directory,
          smsGateway,
          jobQueue,
          events,
          subscriptions,
          eventPayloads,
          webhookSender);
    }

    /** These ports with another SMS gateway. */
    public Ports withSmsGateway(SmsGateway gateway) {
      return new Ports(
          unitOfWork,
          conversations,
          messages,
          usage,
          tenantNumbers,
          tenantDirectory,
          gateway,
          jobQueue,
          events,
          subscriptions,
          eventPayloads,
          webhookSender);
    }

    /** These ports with another renderer of event data. */
    public Ports withEventPayloads(EventPayloads payloads) {
      return new Ports(
          unitOfWork,
          conversations,
          messages,
          usage,
          tenantNumbers,
          tenantDirectory,
          smsGateway,
          jobQueue,
          events,
          subscriptions,
          payloads,
          webhookSender);
    }
  }

  /**
   * @param sendWait how long a send request waits for its send job (about 2 s in the service)
   * @param reconcileQuietFor how long an unknown conversation must be quiet before reconciliation
   *     asks the directory again
   * @param webhookUrls where webhook subscriptions may post
   * @param tenantLinkTtl how long a link the directory made holds before the next inbound message
   *     has it verified again (numbers are recycled)
   * @param directoryWait how long a send to a tenant who never texted waits for the directory
   * @param usageThreshold the segments a UTC day may use before {@code usage.threshold_reached}
   * @param unknownFirstCheck how long after a send became {@code unknown} the provider is first
   *     asked whether it has the message
   * @param unknownSecondCheck how long after a first check that found nothing it is asked again;
   *     not found then either, the message is sent once more
   */
  public record Settings(
      PhoneNumbers phones,
      LanguageDetector languageDetector,
      Duration sendWait,
      Duration reconcileQuietFor,
      Clock clock,
      ManageSubscriptions.UrlPolicy webhookUrls,
      Duration tenantLinkTtl,
      Duration directoryWait,
      UsageThreshold usageThreshold,
      Duration unknownFirstCheck,
      Duration unknownSecondCheck) {

    /** Links are verified again after 30 days. */
    public static final Duration DEFAULT_TENANT_LINK_TTL = Duration.ofDays(30);

    /** A send waits 2 s for the directory. */
    public static final Duration DEFAULT_DIRECTORY_WAIT = Duration.ofSeconds(2);

    /** An unknown send is first checked after a minute. */
    public static final Duration DEFAULT_UNKNOWN_FIRST_CHECK = Duration.ofMinutes(1);

    /** A first check that found nothing is followed by a second after five minutes. */
    public static final Duration DEFAULT_UNKNOWN_SECOND_CHECK = Duration.ofMinutes(5);

    public Settings {
      Objects.requireNonNull(phones, "phones");
      Objects.requireNonNull(languageDetector, "languageDetector");
      Objects.requireNonNull(sendWait, "sendWait");
      Objects.requireNonNull(reconcileQuietFor, "reconcileQuietFor");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(webhookUrls, "webhookUrls");
      Objects.requireNonNull(tenantLinkTtl, "tenantLinkTtl");
      Objects.requireNonNull(directoryWait, "directoryWait");
      usageThreshold = usageThreshold == null ? UsageThreshold.OFF : usageThreshold;
      Objects.requireNonNull(unknownFirstCheck, "unknownFirstCheck");
      Objects.requireNonNull(unknownSecondCheck, "unknownSecondCheck");
      if (unknownFirstCheck.isNegative() || unknownSecondCheck.isNegative()) {
        throw new IllegalArgumentException("the checks of unknown sends cannot be in the past");
      }
    }

    /** These settings without a usage threshold, with the default checks of unknown sends. */
    public Settings(
        PhoneNumbers phones,
        LanguageDetector languageDetector,
        Duration sendWait,
        Duration reconcileQuietFor,
        Clock clock,
        ManageSubscriptions.UrlPolicy webhookUrls,
        Duration tenantLinkTtl,
        Duration directoryWait) {
      this(
          phones,
          languageDetector,
          sendWait,
          reconcileQuietFor,
          clock,
          webhookUrls,
          tenantLinkTtl,
          directoryWait,
          UsageThreshold.OFF,
          DEFAULT_UNKNOWN_FIRST_CHECK,
          DEFAULT_UNKNOWN_SECOND_CHECK);
    }

    /**
     * These settings with the default link time-to-live and directory wait, and subscriptions that
     * may post over plain HTTP only to loopback addresses.
     */
    public Settings(
        PhoneNumbers phones,
        LanguageDetector languageDetector,
        Duration sendWait,
        Duration reconcileQuietFor,
        Clock clock) {
      this(
          phones,
          languageDetector,
          sendWait,
          reconcileQuietFor,
          clock,
          new ManageSubscriptions.UrlPolicy(false),
          DEFAULT_TENANT_LINK_TTL,
          DEFAULT_DIRECTORY_WAIT);
    }

    /** US numbers, a 2 s send wait, reconciliation after 10 quiet minutes, the system clock. */
    public static Settings defaults() {
      return new Settings(
          PhoneNumbers.forUnitedStates(),
          new LanguageDetector(),
          Duration.ofSeconds(2),
          Duration.ofMinutes(10),
          Clock.systemUTC());
    }

    /** These settings with another link time-to-live. */
    public Settings withTenantLinkTtl(Duration ttl) {
      return new Settings(
          phones,
          languageDetector,
          sendWait,
          reconcileQuietFor,
          clock,
          webhookUrls,
          ttl,
          directoryWait,
          usageThreshold,
          unknownFirstCheck,
          unknownSecondCheck);
    }

    /** These settings with another usage threshold. */
    public Settings withUsageThreshold(UsageThreshold threshold) {
      return new Settings(
          phones,
          languageDetector,
          sendWait,
          reconcileQuietFor,
          clock,
          webhookUrls,
          tenantLinkTtl,
          directoryWait,
          threshold,
          unknownFirstCheck,
          unknownSecondCheck);
    }

    /** These settings with other delays for the checks of unknown sends. */
    public Settings withUnknownSendChecks(Duration firstCheck, Duration secondCheck) {
      return new Settings(
          phones,
          languageDetector,
          sendWait,
          reconcileQuietFor,
          clock,
          webhookUrls,
          tenantLinkTtl,
          directoryWait,
          usageThreshold,
          firstCheck,
          secondCheck);
    }
  }

  /**
   * What the service answers inbound messages, and the inbound rate per sender over which a message
   * is marked throttled.
   *
   * @param rateLimiter the buckets of the inbound rate, shared by every instance
   * @param inboundPerSenderPerMinute messages a sender may send a minute; {@code 0} for no limit
   */
  public record Replies(
      ReplyPolicy policy, RateLimiter rateLimiter, int inboundPerSenderPerMinute) {

    public Replies {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(rateLimiter, "rateLimiter");
      if (inboundPerSenderPerMinute < 0) {
        throw new IllegalArgumentException("the inbound rate must not be negative");
      }
    }

    /** No answers and no inbound limit: what an embedder gets unless it asks for more. */
    public static Replies none() {
      return new Replies(
          ReplyPolicy.silent(), (key, perMinute, now) -> RateLimiter.Decision.allow(), 0);
    }
  }

  /** The services without answers to inbound messages and without an inbound rate. */
  public static SmsServices create(Ports ports, Settings settings) {
    return create(ports, settings, Replies.none());
  }

  public static SmsServices create(Ports ports, Settings settings, Replies replies) {
    Clock clock = settings.clock();
    SendCompletions completions = new SendCompletions();
    EventRecorder events =
        new EventRecorder(
            ports.events(),
            ports.subscriptions(),
            ports.jobQueue(),
            ports.eventPayloads(),
            new ServiceClock(clock));
    TenantLinkChanges changes =
        new TenantLinkChanges(
            ports.unitOfWork(),
            ports.conversations(),
            ports.tenantNumbers(),
            ports.messages(),
            events);
    LinkTenantService linkTenant =
        new LinkTenantService(
            ports.unitOfWork(),
            ports.conversations(),
            ports.tenantNumbers(),
            ports.tenantDirectory(),
            ports.jobQueue(),
            settings.phones(),
            settings.tenantLinkTtl(),
            changes,
            clock);
    DeliverSmsService deliver =
        new DeliverSmsService(
            ports.unitOfWork(),
            ports.messages(),
            ports.conversations(),
            ports.smsGateway(),
            completions,
            events,
            ports.jobQueue(),
            settings.unknownFirstCheck(),
            clock);
    SettleSmsService settle =
        new SettleSmsService(
            ports.unitOfWork(),
            ports.messages(),
            ports.conversations(),
            ports.smsGateway(),
            ports.jobQueue(),
            events,
            settings.unknownSecondCheck(),
            clock);
    DeliverEventService deliverEvents =
        new DeliverEventService(
            ports.unitOfWork(),
            ports.events(),
            ports.subscriptions(),
            ports.webhookSender(),
            clock);
    return new SmsServices(
        new ReceiveInboundSmsService(
            ports.unitOfWork(),
            ports.conversations(),
            ports.messages(),
            ports.tenantNumbers(),
            ports.jobQueue(),
            settings.phones(),
            settings.languageDetector(),
            ports.tenantDirectory().knowsTenants(),
            events,
            settings.tenantLinkTtl(),
            replies,
            clock),
        new RecordDeliveryStatusService(
            ports.unitOfWork(),
            ports.messages(),
            ports.conversations(),
            events,
            ports.jobQueue(),
            clock),
        new SendSmsService(
            ports.unitOfWork(),
            ports.conversations(),
            ports.messages(),
            ports.tenantNumbers(),
            ports.tenantDirectory(),
            ports.jobQueue(),
            settings.phones(),
            completions,
            settings.sendWait(),
            settings.directoryWait(),
            clock),
        new ReadConversationService(ports.conversations(), ports.messages(), settings.phones()),
        new ReadMessageService(ports.messages()),
        new ReadUsageService(ports.usage()),
        new CheckUsageThresholdService(
            ports.unitOfWork(), ports.usage(), events, settings.usageThreshold(), clock),
        new SetWorkflowService(ports.conversations(), settings.phones(), clock),
        new SetTenantService(
            ports.conversations(), changes, ports.tenantDirectory(), settings.phones(), clock),
        linkTenant,
        new ReconcileUnknownConversationsService(
            ports.unitOfWork(),
            ports.conversations(),
            ports.jobQueue(),
            settings.reconcileQuietFor(),
            ports.tenantDirectory().knowsTenants(),
            clock),
        new ReadEventsService(ports.events()),
        new ManageSubscriptionsService(
            ports.unitOfWork(),
            ports.subscriptions(),
            ports.jobQueue(),
            settings.webhookUrls(),
            clock),
        new JobDispatcher(
            linkTenant,
            deliver,
            deliverEvents,
            new FetchPriceService(ports.unitOfWork(), ports.messages(), ports.smsGateway(), clock),
            settle));
  }
}
