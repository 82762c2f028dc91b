package io.smsfoundation.domain.conversation;

import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one conversation the service keeps per external address. The service records the workflow a
 * caller attaches but never acts on it.
 *
 * @param tenantId the directory's tenant id, {@code null} while the tenant is unknown
 * @param language the preferred language, {@link LanguageDetection#unknown()} until one is seen
 * @param lastMessageAt time of the newest message, {@code null} before the first
 * @param tenantSource who set the tenant link (or, by hand, its absence); {@code null} while the
 *     directory never named a tenant and nobody set one
 * @param tenantCheck when the directory last answered about the tenant, and when to ask again
 */
public record Conversation(
    UUID id,
    Address address,
    String tenantId,
    String workflowType,
    String workflowId,
    LanguageDetection language,
    boolean optedOut,
    Instant lastMessageAt,
    Instant createdAt,
    Instant updatedAt,
    TenantSource tenantSource,
    TenantCheck tenantCheck) {

  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    tenantCheck = tenantCheck == null ? TenantCheck.never() : tenantCheck;
  }

  /** A conversation that is about to be created for a first message at {@code at}. */
  public static Conversation startedAt(UUID id, Address address, Instant at) {
    return new Conversation(
        id,
        address,
        null,
        null,
        null,
        LanguageDetection.unknown(),
        false,
        at,
        at,
        at,
        null,
        TenantCheck.never());
  }

  /**
   * What an expression of consent does to this conversation: an opt-out of a conversation that is
   * not opted out yet opts it out, an opt-in of an opted-out one opts it back in, anything else
   * (help, no keyword, a repeat) changes nothing.
   */
  public ConsentChange consent(OptIntent intent) {
    Objects.requireNonNull(intent, "intent");
    return switch (intent) {
      case OPT_OUT -> optedOut ? ConsentChange.NONE : ConsentChange.OPTED_OUT;
      case OPT_IN -> optedOut ? ConsentChange.OPTED_IN : ConsentChange.NONE;
      case HELP, NONE -> ConsentChange.NONE;
    };
  }

  public boolean hasTenant() {
    return tenantId != null;
  }

  /** Whether the link (or its absence) was set by hand, which the directory never overrides. */
  public boolean tenantSetByHand() {
    return tenantSource == TenantSource.MANUAL;
  }

  /**
   * Whether the directory should be asked who this conversation's tenant is: it has none, and
   * nobody decided by hand that it has none.
   */
  public boolean needsTenantLookup() {
    return tenantId == null && !tenantSetByHand();
  }

  /**
   * Whether the directory's link should be confirmed again: numbers are recycled, so a link last
   * confirmed {@code ttl} ago or longer (or never, for links older than the check itself) is asked
   * about again. Links set by hand are never re-verified.
   */
  public boolean needsTenantVerification(Instant now, Duration ttl) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(ttl, "ttl");
    return tenantId != null && !tenantSetByHand() && tenantCheck.olderThan(ttl, now);
  }

  /**
   * What the directory's answer does to this conversation: {@code directoryTenantId} is the tenant
   * it named for the number, {@code null} for "nobody". A link set by hand is kept whatever the
   * answer; otherwise the conversation takes the answer, which links, relinks, unlinks or confirms.
   */
  public TenantChange directoryAnswered(String directoryTenantId) {
    if (tenantSetByHand()) {
      return new TenantChange.KeptByHand(tenantId);
    }
    return TenantChange.between(tenantId, directoryTenantId);
  }

  /**
   * What setting the tenant by hand does: {@code newTenantId} (or {@code null}, "no tenant")
   * becomes the link, and the directory no longer decides it.
   */
  public TenantChange setTenantByHand(String newTenantId) {
    return TenantChange.between(tenantId, newTenantId);
  }

  /** This conversation with a newer last message, as of {@code at}. */
  public Conversation withLastMessageAt(Instant lastMessage, Instant at) {
    return new Conversation(
        id,
        address,
        tenantId,
        workflowType,
        workflowId,
        language,
        optedOut,
        lastMessage,
        createdAt,
        at,
        tenantSource,
        tenantCheck);
  }

  /** This conversation with the link {@code change} made, by {@code source}, as of {@code at}. */
  public Conversation withTenantChange(TenantChange change, TenantSource source, Instant at) {
    return new Conversation(
        id,
        address,
        change.after(),
        workflowType,
        workflowId,
        language,
        optedOut,
        lastMessageAt,
        createdAt,
        at,
        source,
        TenantCheck.answeredAt(at));
  }

  /** This conversation with a new record of the directory's checks. */
  public Conversation withTenantCheck(TenantCheck check) {
    return new Conversation(
        id,
        address,
        tenantId,
        workflowType,
        workflowId,
        language,
        optedOut,
        lastMessageAt,
        createdAt,
        updatedAt,
        tenantSource,
        check);
  }

  public Conversation withLanguage(LanguageDetection detection, Instant at) {
    return new Conversation(
        id,
        address,
        tenantId,
        workflowType,
        workflowId,
        detection,
        optedOut,
        lastMessageAt,
        createdAt,
        at,
        tenantSource,
        tenantCheck);
  }

  public Conversation withOptedOut(boolean optOut, Instant at) {
    return new Conversation(
        id,
        address,
        tenantId,
        workflowType,
        workflowId,
        language,
        optOut,
        lastMessageAt,
        createdAt,
        at,
        tenantSource,
        tenantCheck);
  }

  public Conversation withWorkflow(String type, String workflow, Instant at) {
    return new Conversation(
        id,
        address,
        tenantId,
        type,
        workflow,
        language,
        optedOut,
        lastMessageAt,
        createdAt,
        at,
        tenantSource,
        tenantCheck);
  }
}
