package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.language.LanguagePreference;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.TenantNumbers;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Locale;

/**
 * Applies the language preference rule to conversations and tenants and logs every change with its
 * old and new value. Must be called inside the unit of work that owns the writes.
 */
final class LanguageChanges {

  private static final System.Logger LOG = System.getLogger(LanguageChanges.class.getName());

  private final ConversationStore conversations;
  private final TenantNumbers tenantNumbers;

  LanguageChanges(ConversationStore conversations, TenantNumbers tenantNumbers) {
    this.conversations = conversations;
    this.tenantNumbers = tenantNumbers;
  }

  /** Offers a detection to a conversation; returns the language it keeps. */
  LanguageDetection offerToConversation(
      Conversation conversation, LanguageDetection detected, Instant at) {
    LanguageDetection stored = conversation.language();
    LanguageDetection chosen = LanguagePreference.choose(stored, detected);
    if (chosen.equals(stored)) {
      return stored;
    }
    conversations.updateLanguage(conversation.id(), chosen, at);
    if (LanguagePreference.changes(stored, chosen)) {
      LOG.log(
          Level.INFO,
          "conversation {0} language {1} -> {2}",
          conversation.id(),
          describe(stored),
          describe(chosen));
    }
    return chosen;
  }

  /**
   * Offers a detection to a tenant; returns whether the tenant's language (not merely its
   * confidence) changed.
   */
  boolean offerToTenant(String tenantId, LanguageDetection detected, Instant at) {
    LanguageDetection stored =
        tenantNumbers.languageOf(tenantId).orElse(LanguageDetection.unknown());
    LanguageDetection chosen = LanguagePreference.choose(stored, detected);
    if (chosen.equals(stored)) {
      return false;
    }
    tenantNumbers.saveLanguage(tenantId, chosen, at);
    if (!LanguagePreference.changes(stored, chosen)) {
      return false;
    }
    LOG.log(
        Level.INFO, "tenant {0} language {1} -> {2}", tenantId, describe(stored), describe(chosen));
    return true;
  }

  private static String describe(LanguageDetection detection) {
    return detection.language().code()
        + String.format(Locale.ROOT, "(%.2f)", detection.confidence());
  }
}
