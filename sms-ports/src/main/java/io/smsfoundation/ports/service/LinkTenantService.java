package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.in.LinkTenant;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.JobQueue;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantDirectory.LanguageUpdate;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantNumbers;
import io.smsfoundation.ports.out.UnitOfWork;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Links conversations to tenants through the directory, re-verifies links that have aged, and
 * pushes a tenant's language back to the directory. The directory is asked outside any transaction,
 * so a slow directory never holds a database connection; every write is conditional on what was
 * read, so a late or repeated job never links twice or undoes a newer change.
 */
public final class LinkTenantService implements LinkTenant {

  private static final System.Logger LOG = System.getLogger(LinkTenantService.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationStore conversations;
  private final TenantNumbers tenantNumbers;
  private final TenantDirectory directory;
  private final JobQueue jobs;
  private final PhoneNumbers phones;
  private final LanguageChanges languages;
  private final TenantLinkChanges changes;
  private final Duration linkTtl;
  private final ServiceClock clock;

  LinkTenantService(
      UnitOfWork unitOfWork,
      ConversationStore conversations,
      TenantNumbers tenantNumbers,
      TenantDirectory directory,
      JobQueue jobs,
      PhoneNumbers phones,
      Duration linkTtl,
      TenantLinkChanges changes,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.tenantNumbers = tenantNumbers;
    this.directory = directory;
    this.jobs = jobs;
    this.phones = phones;
    this.languages = new LanguageChanges(conversations, tenantNumbers);
    this.changes = changes;
    this.linkTtl = linkTtl;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public LinkOutcome link(UUID conversationId) {
    Optional<Conversation> found = conversations.findById(conversationId);
    if (found.isEmpty() || !found.get().needsTenantLookup()) {
      return new LinkOutcome.NothingToDo();
    }
    Conversation conversation = found.get();
    TenantLookup lookup =
        directory.lookup(phones.lookupVariants(conversation.address().original()));
    return switch (lookup) {
      case TenantLookup.NotFound notFound -> {
        LOG.log(
            Level.INFO,
            "tenant not_found conversation={0} phone={1} attempts={2}",
            conversationId,
            conversation.address().masked(),
            notFound.attempts());
        conversations.recordTenantCheck(
            conversationId, conversation.tenantCheck().missedAt(clock.now()));
        yield new LinkOutcome.NoTenant();
      }
      case TenantLookup.Unavailable unavailable -> {
        LOG.log(
            Level.WARNING,
            "tenant error conversation={0} attempts={1}: {2}",
            conversationId,
            unavailable.attempts(),
            unavailable.reason());
        yield new LinkOutcome.DirectoryUnavailable(unavailable.reason());
      }
      case TenantLookup.Found tenantFound -> linkFound(conversationId, tenantFound);
    };
  }

  private LinkOutcome linkFound(UUID conversationId, TenantLookup.Found found) {
    String tenantId = found.tenant().tenantId();
    Instant now = clock.now();
    boolean linked =
        unitOfWork.inTransaction(
            tx -> {
              Conversation conversation = conversations.findById(conversationId).orElseThrow();
              if (!conversations.linkTenant(conversationId, tenantId, now)) {
                return false;
              }
              tenantNumbers.recordUse(tenantId, conversation.address().canonical(), now);
              changes.announce(
                  conversation, new TenantChange.Linked(tenantId), TenantSource.DIRECTORY, now);
              LanguageDetection tenantLanguage =
                  tenantNumbers
                      .languageOf(tenantId)
                      .orElseGet(() -> fromDirectory(found.tenant().languagePreference()));
              if (!conversation.language().isKnown() && tenantLanguage.isKnown()) {
                conversations.updateLanguage(conversationId, tenantLanguage, now);
                LOG.log(
                    Level.INFO,
                    "conversation {0} language unknown -> {1} (tenant)",
                    conversationId,
                    tenantLanguage.language().code());
              }
              if (conversation.language().isKnown()) {
                languages.offerToTenant(tenantId, conversation.language(), now);
                LanguageDetection kept =
                    tenantNumbers.languageOf(tenantId).orElse(LanguageDetection.unknown());
                if (kept.isKnown() && kept.language() != found.tenant().languagePreference()) {
                  jobs.enqueue(new Job(Job.Type.PUSH_TENANT_LANGUAGE, tenantId));
                }
              }
              return true;
            });
    if (!linked) {
      return new LinkOutcome.NothingToDo();
    }
    LOG.log(
        Level.INFO,
        "tenant found conversation={0} tenant={1} attempts={2}",
        conversationId,
        tenantId,
        found.attempts());
    return new LinkOutcome.Linked(tenantId, found.matchedVariant());
  }

  @Override
  public LinkOutcome verify(UUID conversationId) {
    Optional<Conversation> found = conversations.findById(conversationId);
    if (found.isEmpty() || !found.get().needsTenantVerification(clock.now(), linkTtl)) {
      return new LinkOutcome.NothingToDo();
    }
    Conversation conversation = found.get();
    TenantLookup lookup =
        directory.lookup(phones.lookupVariants(conversation.address().original()));
    if (lookup instanceof TenantLookup.Unavailable unavailable) {
      LOG.log(
          Level.WARNING,
          "tenant verification error conversation={0} attempts={1}: {2}",
          conversationId,
          unavailable.attempts(),
          unavailable.reason());
      return new LinkOutcome.DirectoryUnavailable(unavailable.reason());
    }
    String answer =
        lookup instanceof TenantLookup.Found tenantFound ? tenantFound.tenant().tenantId() : null;
    Instant now = clock.now();
    TenantChange change = conversation.directoryAnswered(answer);
    return switch (change) {
      case TenantChange.KeptByHand kept -> new LinkOutcome.NothingToDo();
      case TenantChange.Unchanged unchanged -> {
        conversations.recordTenantCheck(conversationId, TenantCheck.answeredAt(now));
        LOG.log(
            Level.INFO,
            "tenant confirmed conversation={0} tenant={1}",
            conversationId,
            unchanged.tenantId());
        yield new LinkOutcome.Confirmed(unchanged.tenantId());
      }
      case TenantChange.Linked linked ->
          changes.apply(conversation, change, TenantSource.DIRECTORY, now)
              ? new LinkOutcome.Linked(
                  linked.after(), ((TenantLookup.Found) lookup).matchedVariant())
              : new LinkOutcome.NothingToDo();
      case TenantChange.Relinked relinked ->
          changes.apply(conversation, change, TenantSource.DIRECTORY, now)
              ? new LinkOutcome.Relinked(relinked.before(), relinked.after())
              : new LinkOutcome.NothingToDo();
      case TenantChange.Unlinked unlinked ->
          changes.apply(conversation, change, TenantSource.DIRECTORY, now)
              ? new LinkOutcome.Unlinked(unlinked.before())
              : new LinkOutcome.NothingToDo();
    };
  }

  /** Tells the directory the tenant's language as the service knows it. */
  public JobResult pushLanguage(String tenantId) {
    Optional<LanguageDetection> language =
        tenantNumbers.languageOf(tenantId).filter(LanguageDetection::isKnown);
    if (language.isEmpty()) {
      return new JobResult.Done();
    }
    LanguageUpdate update = directory.updateLanguage(tenantId, language.get());
    LOG.log(
        Level.INFO,
        "tenant {0} language push {1}: {2}",
        tenantId,
        language.get().language().code(),
        update);
    return update == LanguageUpdate.UNAVAILABLE
        ? new JobResult.RetryLater("directory unavailable")
        : new JobResult.Done();
  }

  /** The directory's preference carries no confidence of ours: it is taken as certain. */
  private static LanguageDetection fromDirectory(Language preference) {
    return preference == Language.UNKNOWN
        ? LanguageDetection.unknown()
        : new LanguageDetection(preference, 1.0);
  }
}
