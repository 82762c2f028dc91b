package io.smsfoundation.ports.out;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an event's {@code data}: the JSON object consumers receive, with the message as the API
 * shows it. The application renders it with its own JSON views; {@link
 * io.smsfoundation.ports.memory.PlainEventPayloads} writes the same fields without the message
 * body, for embedders and tests. Implementations are thread-safe.
 */
public interface EventPayloads {

  /** The {@code data} of an event about {@code subject}. */
  String render(EventSubject subject);

  /**
   * What an event is about, as it was when it happened.
   *
   * @param conversation the conversation, or {@code null} for an event about none
   * @param message the message, or {@code null}
   * @param details what else the event says ({@code previous_status}, {@code tenant_id}...): names
   *     in the order consumers see them, values strings, numbers, booleans or {@code null}
   * @param call the call, or {@code null}
   */
  record EventSubject(
      Conversation conversation, Message message, Map<String, Object> details, Call call) {

    public EventSubject {
      details =
          details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** What an event about a message (or none) is about. */
    public EventSubject(Conversation conversation, Message message, Map<String, Object> details) {
      this(conversation, message, details, null);
    }

    /**
     * The fields every event's {@code data} starts with: the conversation's id, number (E.164, or
     * the sender as received), tenant, workflow and language, the message's or call's id, then
     * {@link #details()}. Renderers add the message or call itself.
     */
    public Map<String, Object> summary() {
      Map<String, Object> fields = new LinkedHashMap<>();
      if (conversation != null) {
        fields.put("conversation_id", conversation.id().toString());
        fields.put("phone_number", conversation.address().canonical());
        fields.put("tenant_id", conversation.tenantId());
        fields.put("workflow_type", conversation.workflowType());
        fields.put("workflow_id", conversation.workflowId());
        fields.put("language", conversation.language().language().code());
      }
      if (message != null) {
        fields.put("message_id", message.id().toString());
      }
      if (call != null) {
        fields.put("call_id", call.id().toString());
      }
      fields.putAll(details);
      return fields;
    }
  }
}
