package io.smsfoundation.ports.out;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores messages and the history of their delivery-status callbacks. */
public interface MessageStore {

  /**
   * Inserts a message unless one with the same Twilio SID or the same idempotency key exists;
   * race-safe, so concurrent inserts of one SID store one row.
   *
   * @return {@code true} when inserted, {@code false} when it was a duplicate and nothing changed
   */
  boolean insert(Message message);

  Optional<Message> findById(UUID id);

  Optional<Message> findBySid(String twilioSid);

  Optional<Message> findByIdempotencyKey(String idempotencyKey);

  /**
   * Like {@link #findById} but, inside a unit of work, also keeps concurrent writers of this
   * message out until the transaction ends, so that read-decide-write is safe.
   */
  Optional<Message> lockById(UUID id);

  /** Like {@link #lockById}, by Twilio SID. */
  Optional<Message> lockBySid(String twilioSid);

  /**
   * A page of a conversation's messages, newest first ({@code created_at desc, id desc}), strictly
   * after {@code after} in that order when it is given.
   */
  List<Message> page(UUID conversationId, Optional<MessageKey> after, int limit);

  /** How many inbound messages a conversation has, and the first of them. */
  InboundSummary inboundSummary(UUID conversationId);

  /**
   * @param firstMessageId the oldest inbound message, or {@code null} when there is none
   */
  record InboundSummary(long count, UUID firstMessageId) {}

  /**
   * How many answers the service sent a conversation at or after {@code since} (outbound messages
   * with a reply origin).
   */
  int repliesSince(UUID conversationId, Instant since);

  /** When the auto-reply rule {@code rule} last answered the conversation. */
  Optional<Instant> lastReplyOfRule(UUID conversationId, String rule);

  /** The answers stored for the inbound message {@code inboundId}, oldest first. */
  List<Message> repliesTo(UUID inboundId);

  /** Applies a delivery update to a message; unknown ids change nothing. */
  void updateDelivery(UUID messageId, DeliveryUpdate update);

  /**
   * Appends a callback to the history unless the same message (or, for a callback whose message is
   * unknown, the same SID) already has an event with the same status.
   *
   * @return {@code true} when appended, {@code false} for a duplicate
   */
  boolean appendStatusEvent(StatusEvent event);

  /** The status history of a message, oldest first. */
  List<StatusEvent> statusEvents(UUID messageId);

  /** Callbacks kept for a SID before its message was known, oldest first. */
  List<StatusEvent> unattachedStatusEvents(String twilioSid);

  /** Attaches the callbacks kept for {@code twilioSid} to its message. */
  void attachStatusEvents(String twilioSid, UUID messageId);

  /**
   * Keeps a callback whose message id and SID name different messages apart from every history: it
   * never counts as a status of either message and is never attached.
   */
  void keepConflictingStatusEvent(StatusEvent event);

  /** The conflicting callbacks kept for the message {@code messageId} names, oldest first. */
  List<StatusEvent> conflictingStatusEvents(UUID messageId);

  /**
   * Claims {@code idempotencyKey} for the request {@code owner} until {@code until}, unless another
   * request holds a claim on it that has not expired at {@code now}. Every instance sharing the
   * store sees the same claims, so a key is processed by one request at a time across the cluster.
   * Called outside a unit of work: the claim is visible to others at once.
   *
   * @return {@code true} when {@code owner} now holds the key
   */
  boolean claimIdempotencyKey(String idempotencyKey, UUID owner, Instant until, Instant now);

  /** Ends {@code owner}'s claim on the key; a claim that passed to another request stays. */
  void releaseIdempotencyKey(String idempotencyKey, UUID owner);
}
