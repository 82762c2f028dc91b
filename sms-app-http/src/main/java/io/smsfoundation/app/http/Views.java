package io.smsfoundation.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.ports.in.SendSms.Receipt;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON shapes of the API (snake_case through {@link JsonCodec}), built from domain values.
 * Times are ISO-8601 UTC strings.
 */
final class Views {

  private Views() {}

  record ConversationView(
      UUID id,
      String phoneNumber,
      String phoneNumberKind,
      String tenantId,
      String tenantSource,
      String tenantCheckedAt,
      String workflowType,
      String workflowId,
      String language,
      double languageConfidence,
      boolean optedOut,
      String lastMessageAt,
      String createdAt,
      String updatedAt) {

    static ConversationView of(Conversation c) {
      return new ConversationView(
          c.id(),
          c.address().canonical(),
          c.address().kind().code(),
          c.tenantId(),
          c.tenantSource() == null ? null : c.tenantSource().code(),
          time(c.tenantCheck().checkedAt()),
          c.workflowType(),
          c.workflowId(),
          c.language().language().code(),
          c.language().confidence(),
          c.optedOut(),
          time(c.lastMessageAt()),
          time(c.createdAt()),
          time(c.updatedAt()));
    }
  }

  record MediaView(String url, String contentType) {
    static MediaView of(Media media) {
      return new MediaView(media.url(), media.contentType());
    }
  }

  record StatusEventView(String status, String errorCode, String twilioSid, String receivedAt) {
    static StatusEventView of(StatusEvent event) {
      return new StatusEventView(
          event.status().code(), event.errorCode(), event.twilioSid(), time(event.createdAt()));
    }
  }

  /**
   * A message; {@code statusHistory} and {@code rawWebhookData} appear only when one message is
   * read on its own.
   */
  record MessageView(
      UUID id,
      UUID conversationId,
      String direction,
      String from,
      String to,
      String content,
      String twilioSid,
      String deliveryStatus,
      String errorCode,
      String errorMessage,
      int segments,
      String encoding,
      int numMedia,
      List<MediaView> media,
      String language,
      Double languageConfidence,
      String createdAt,
      String updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<StatusEventView> statusHistory,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> rawWebhookData) {

    static MessageView of(Message m) {
      return of(m, null, null);
    }

    static MessageView withHistory(Message m, List<StatusEvent> history) {
      return of(
          m,
          history.stream().map(StatusEventView::of).toList(),
          m.rawWebhookData().isEmpty() ? null : raw(m.rawWebhookData()));
    }

    /**
     * The raw form as stored: a name that came once maps to its value, a repeated name to the list
     * of its values in arrival order.
     */
    private static Map<String, Object> raw(RawForm form) {
      Map<String, Object> raw = new LinkedHashMap<>();
      form.asMap()
          .forEach(
              (name, values) -> raw.put(name, values.size() == 1 ? values.getFirst() : values));
      return raw;
    }

    private static MessageView of(
        Message m, List<StatusEventView> history, Map<String, Object> raw) {
      LanguageDetection language = m.language();
      return new MessageView(
          m.id(),
          m.conversationId(),
          m.direction().code(),
          m.from(),
          m.to(),
          m.content(),
          m.twilioSid(),
          m.deliveryStatus().code(),
          m.errorCode(),
          m.errorMessage(),
          m.numSegments(),
          encodingCode(m.encoding()),
          m.numMedia(),
          m.media().stream().map(MediaView::of).toList(),
          language == null ? null : language.language().code(),
          language == null ? null : language.confidence(),
          time(m.createdAt()),
          time(m.updatedAt()),
          history,
          raw);
    }
  }

  record ConversationPageView(
      ConversationView conversation, List<MessageView> messages, String nextCursor) {}

  record SendReceiptView(
      UUID messageId,
      UUID conversationId,
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String twilioSid,
      int segments,
      String encoding) {

    static SendReceiptView of(Receipt receipt) {
      return new SendReceiptView(
          receipt.messageId(),
          receipt.conversationId(),
          receipt.status().code(),
          receipt.twilioSid(),
          receipt.segments(),
          encodingCode(receipt.encoding()));
    }
  }

  /** {@code GET /health/live}: the process serves requests. */
  record LivenessView(boolean ok, String status, String version) {}

  record ErrorView(ErrorBody error) {}

  record ErrorBody(
      String code,
      String message,
      Map<String, Object> details,
      String requestId,
      String timestamp) {}

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String encodingCode(MessageEncoding encoding) {
    return encoding == null ? null : encoding.code();
  }
}
