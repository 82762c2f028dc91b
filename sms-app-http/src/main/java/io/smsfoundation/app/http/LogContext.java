package io.smsfoundation.app.http;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Message;
import org.slf4j.MDC;

/**
 * Puts what a request is about into the log context, so that its log lines (the access-log line
 * included) carry {@code conversation_id}, {@code tenant_id}, {@code message_id} and {@code
 * twilio_sid} as fields. Never a phone number or a message body. The server clears the context
 * after each request.
 */
final class LogContext {

  private LogContext() {}

  static void conversation(Conversation conversation) {
    MDC.put("conversation_id", conversation.id().toString());
    if (conversation.tenantId() != null) {
      tenant(conversation.tenantId());
    }
  }

  static void message(Message message) {
    MDC.put("message_id", message.id().toString());
    MDC.put("conversation_id", message.conversationId().toString());
    if (message.twilioSid() != null) {
      MDC.put("twilio_sid", message.twilioSid());
    }
  }

  static void tenant(String tenantId) {
    MDC.put("tenant_id", tenantId);
  }
}
