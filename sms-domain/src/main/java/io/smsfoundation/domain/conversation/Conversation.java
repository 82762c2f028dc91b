package io.smsfoundation.domain.conversation;

import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.Address;
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
    Instant updatedAt) {

  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A conversation that is about to be created for a first message at {@code at}. */
  public static Conversation startedAt(UUID id, Address address, Instant at) {
    return new Conversation(
        id, address, null, null, null, LanguageDetection.unknown(), false, at, at, at);
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
        at);
  }

  public Conversation withTenant(String tenant, Instant at) {
    return new Conversation(
        id,
        address,
        tenant,
        workflowType,
        workflowId,
        language,
        optedOut,
        lastMessageAt,
        createdAt,
        at);
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
        at);
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
        at);
  }

  public Conversation withWorkflow(String type, String workflow, Instant at) {
    return new Conversation(
        id, address, tenantId, type, workflow, language, optedOut, lastMessageAt, createdAt, at);
  }
}
