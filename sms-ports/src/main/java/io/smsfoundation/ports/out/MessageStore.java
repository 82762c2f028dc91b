package io.smsfoundation.ports.out;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import java.math.BigDecimal;
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

  /** Records how long the service took with a message; unknown ids change nothing. */
  void recordProcessingTime(UUID messageId, long millis);

  /** Records what the provider billed for a message; unknown ids change nothing. */
  void recordPrice(UUID messageId, BigDecimal price, String priceUnit);

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
}
