package io.smsfoundation.ports.service;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallChange;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.in.RecordCallStatus;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.EventPayloads.EventSubject;
import io.smsfoundation.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a call's status report under the call's row lock: a report that moves the call forward is
 * written with its history entry (and {@code call.completed} when it ends the call); a late,
 * repeated or unknown one changes nothing at all.
 */
public final class RecordCallStatusService implements RecordCallStatus {

  private final UnitOfWork unitOfWork;
  private final CallStore calls;
  private final ConversationStore conversations;
  private final EventRecorder events;
  private final ServiceClock clock;

  RecordCallStatusService(
      UnitOfWork unitOfWork,
      CallStore calls,
      ConversationStore conversations,
      EventRecorder events,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.calls = calls;
    this.conversations = conversations;
    this.events = events;
    this.clock = new ServiceClock(clock);
  }

  @Override
  public CallStatusOutcome record(CallReport report) {
    CallStatus reported = CallStatus.of(report.status());
    Instant now = clock.now();
    return unitOfWork.inTransaction(
        tx -> {
          Optional<Call> found =
              report.callId() != null ? calls.lockById(report.callId()) : Optional.empty();
          if (found.isEmpty() && report.providerCallId() != null) {
            found = calls.lockBySid(report.providerCallId());
          }
          if (found.isEmpty()) {
            return new CallStatusOutcome.UnknownCall();
          }
          Call call = found.get();
          if (report.providerCallId() != null && !report.providerCallId().equals(call.callSid())) {
            return new CallStatusOutcome.Mismatched(call);
          }
          return switch (call.report(reported)) {
            case CallChange.Unchanged unchanged -> new CallStatusOutcome.Unchanged(call);
            case CallChange.Moved moved -> {
              Call next = call.after(moved, report.durationSeconds(), now);
              calls.updateStatus(next);
              calls.appendStatusEvent(
                  new CallStatusEvent(
                      clock.newId(),
                      call.id(),
                      reported,
                      report.durationSeconds(),
                      report.rawForm(),
                      now));
              if (moved.ends()) {
                Conversation conversation =
                    conversations.findById(call.conversationId()).orElse(null);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("previous_status", moved.previous().code());
                details.put("status", next.status().code());
                details.put("duration_seconds", next.durationSeconds());
                events.record(
                    EventType.CALL_COMPLETED,
                    new EventSubject(conversation, null, details, next),
                    now);
              }
              yield new CallStatusOutcome.Applied(next, moved.previous());
            }
          };
        });
  }
}
