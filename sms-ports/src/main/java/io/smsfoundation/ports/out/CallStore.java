package io.smsfoundation.ports.out;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatusEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stores calls, one per provider call id, and the history of their statuses. */
public interface CallStore {

  /**
   * Inserts a call unless one with the same provider call id (or id) exists; race-safe, so that
   * concurrent inserts of one call id store one row.
   *
   * @return {@code true} when inserted, {@code false} when it was a duplicate and nothing changed
   */
  boolean insert(Call call);

  Optional<Call> findById(UUID id);

  Optional<Call> findBySid(String callSid);

  /**
   * Like {@link #findById} but, inside a unit of work, also keeps concurrent writers of this call
   * out until the transaction ends, so that read-decide-write is safe.
   */
  Optional<Call> lockById(UUID id);

  /** Like {@link #lockById}, by provider call id. */
  Optional<Call> lockBySid(String callSid);

  /**
   * Writes the call's status, times and duration ({@code status}, {@code answeredAt}, {@code
   * endedAt}, {@code durationSeconds}, {@code updatedAt}); unknown ids change nothing.
   */
  void updateStatus(Call call);

  /**
   * Records how long each call's answer took (milliseconds by call id), in one write; a call that
   * has a time already keeps it, unknown ids are skipped.
   *
   * @return how many times were recorded
   */
  int recordResponseTimes(Map<UUID, Long> millisByCall);

  /** Appends an entry to the call's status history. */
  void appendStatusEvent(CallStatusEvent event);

  /** The status history of a call, oldest first. */
  List<CallStatusEvent> statusEvents(UUID callId);

  /**
   * A page of a conversation's calls, newest first ({@code received_at desc, id desc}), strictly
   * after {@code after} in that order when it is given.
   */
  List<Call> page(UUID conversationId, Optional<MessageKey> after, int limit);
}
