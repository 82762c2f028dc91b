package io.smsfoundation.ports.out;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.conversation.TenantChange;
import io.smsfoundation.domain.conversation.TenantCheck;
import io.smsfoundation.domain.conversation.TenantSource;
import io.smsfoundation.domain.language.LanguageDetection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores conversations, one per canonical address. */
public interface ConversationStore {

  /**
   * Creates {@code candidate} or, when a conversation with the same canonical address exists, moves
   * its {@code last_message_at} forward to {@code candidate.lastMessageAt()} and keeps everything
   * else, including the first original number. Race-safe: concurrent calls for one address end with
   * one conversation.
   *
   * @return the stored conversation after the upsert
   */
  Conversation upsert(Conversation candidate);

  Optional<Conversation> findById(UUID id);

  Optional<Conversation> findByCanonical(String canonical);

  /**
   * Moves the conversation's {@code last_message_at} forward to {@code at} (never backward), for
   * activity other than a new message, such as a delivery status change.
   */
  void recordActivity(UUID id, Instant at);

  /** Conversations with and without a tenant. */
  ConversationCounts counts();

  /**
   * Sets the tenant the directory named for a conversation that has none and whose absence of a
   * tenant was not set by hand: source {@code directory}, checked at {@code at}, one entry in the
   * tenant history. Returns whether it changed anything.
   */
  boolean linkTenant(UUID id, String tenantId, Instant at);

  /**
   * Applies {@code change} made by {@code source} at {@code at}, only while the conversation's
   * tenant is still {@code change.before()} (and, for the directory, while the link was not set by
   * hand since): the tenant becomes {@code change.after()}, the source {@code source}, the check
   * {@link TenantCheck#answeredAt}, and the tenant history gets one entry. Returns whether it
   * applied; a concurrent change makes it return false and change nothing.
   */
  boolean changeTenant(UUID id, TenantChange change, TenantSource source, Instant at);

  /**
   * Records what the directory's last answer left unchanged: when it answered, when to ask again.
   */
  void recordTenantCheck(UUID id, TenantCheck check);

  /** Every change of the conversation's tenant, oldest first. */
  List<TenantHistoryEntry> tenantHistory(UUID id);

  void updateLanguage(UUID id, LanguageDetection language, Instant at);

  /**
   * Sets whether the conversation is opted out; returns whether it changed anything (a repeat, or
   * an unknown id, changes nothing).
   */
  boolean setOptedOut(UUID id, boolean optedOut, Instant at);

  void setWorkflow(UUID id, String workflowType, String workflowId, Instant at);

  /**
   * Conversations that {@linkplain Conversation#needsTenantLookup need a tenant lookup}, whose
   * {@linkplain TenantCheck#recheckAt recheck} is due at {@code now} and whose last message is at
   * or before {@code lastMessageBefore}: never-checked ones first, then the least recently checked,
   * at most {@code limit}.
   */
  List<Conversation> findDueForTenantLookup(Instant now, Instant lastMessageBefore, int limit);

  /**
   * Among conversations that need a tenant lookup, the last check of the least recently checked one
   * (its creation when it was never checked); empty when none needs a lookup.
   */
  Optional<Instant> leastRecentTenantCheck();
}
