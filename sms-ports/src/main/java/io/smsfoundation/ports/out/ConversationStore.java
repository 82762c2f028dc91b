package io.smsfoundation.ports.out;

import io.smsfoundation.domain.conversation.Conversation;
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

  /** Sets the tenant of a conversation that has none; returns whether it changed anything. */
  boolean linkTenant(UUID id, String tenantId, Instant at);

  void updateLanguage(UUID id, LanguageDetection language, Instant at);

  /**
   * Sets whether the conversation is opted out; returns whether it changed anything (a repeat, or
   * an unknown id, changes nothing).
   */
  boolean setOptedOut(UUID id, boolean optedOut, Instant at);

  void setWorkflow(UUID id, String workflowType, String workflowId, Instant at);

  /**
   * Conversations without a tenant whose last message is at or before {@code lastMessageBefore},
   * oldest activity first, at most {@code limit}.
   */
  List<Conversation> findWithoutTenant(Instant lastMessageBefore, int limit);
}
