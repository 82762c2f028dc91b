package io.smsfoundation.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSecret;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.reply.ReplyOrigin;
import io.smsfoundation.domain.usage.UsageRow;
import io.smsfoundation.ports.in.ReadUsage.UsageReport;
import io.smsfoundation.ports.in.SendSms.Receipt;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
      Long processingMs,
      BigDecimal price,
      String priceUnit,
      int numMedia,
      List<MediaView> media,
      String language,
      Double languageConfidence,
      String createdAt,
      String updatedAt,
      boolean throttled,
      @JsonInclude(JsonInclude.Include.NON_NULL) String source,
      @JsonInclude(JsonInclude.Include.NON_NULL) UUID replyTo,
      @JsonInclude(JsonInclude.Include.NON_NULL) String replyRule,
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
      ReplyOrigin origin = m.replyOrigin();
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
          m.usage().processingMs(),
          m.usage().price(),
          m.usage().priceUnit(),
          m.numMedia(),
          m.media().stream().map(MediaView::of).toList(),
          language == null ? null : language.language().code(),
          language == null ? null : language.confidence(),
          time(m.createdAt()),
          time(m.updatedAt()),
          m.throttled(),
          origin == null ? null : origin.source().code(),
          origin == null ? null : origin.replyTo(),
          origin == null ? null : origin.rule(),
          history,
          raw);
    }
  }

  /** The usage report: the query it answers and one row per group. */
  record UsageReportView(String from, String to, String groupBy, List<UsageRowView> rows) {
    static UsageReportView of(UsageReport report) {
      return new UsageReportView(
          report.query().period().from().toString(),
          report.query().period().to().toString(),
          report.query().grouping().code(),
          report.rows().stream().map(UsageRowView::of).toList());
    }
  }

  /** One group of the usage report; the CSV has these columns in this order. */
  record UsageRowView(
      String group,
      long messages,
      long inbound,
      long outbound,
      long segments,
      long failures,
      BigDecimal price,
      String priceUnit,
      long priced,
      Double p50ProcessingMs,
      Double p95ProcessingMs) {
    static UsageRowView of(UsageRow row) {
      return new UsageRowView(
          row.group(),
          row.messages(),
          row.inbound(),
          row.outbound(),
          row.segments(),
          row.failures(),
          row.price(),
          row.priceUnit(),
          row.priced(),
          row.p50ProcessingMs(),
          row.p95ProcessingMs());
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

  /** One event as the feed and the webhooks show it; {@code data} is the stored JSON. */
  record EventView(
      String id, String type, String timestamp, long position, @JsonRawValue String data) {

    static EventView of(Event event) {
      return new EventView(
          event.id(),
          event.type().code(),
          event.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString(),
          event.position(),
          event.data());
    }
  }

  record EventPageView(List<EventView> events, String nextCursor) {}

  /** A subscription; {@code secret} only in the answer that creates or rotates it. */
  record SubscriptionView(
      String id,
      String url,
      List<String> eventTypes,
      List<String> workflowTypes,
      boolean includeUnknown,
      String description,
      boolean enabled,
      String disabledReason,
      String failingSince,
      String previousSecretExpiresAt,
      String createdAt,
      String updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static SubscriptionView of(Subscription s, WebhookSecret secret) {
      return new SubscriptionView(
          s.id(),
          s.url().toString(),
          s.eventTypes().stream().map(EventType::code).sorted().toList(),
          s.workflowTypes().stream().sorted().toList(),
          s.includeUnknown(),
          s.description(),
          s.enabled(),
          s.disabledReason(),
          time(s.failingSince()),
          time(s.previousSecretUntil()),
          time(s.createdAt()),
          time(s.updatedAt()),
          secret == null ? null : secret.text());
    }
  }

  record SubscriptionListView(List<SubscriptionView> subscriptions) {}

  record DeliveryView(
      String id,
      String subscriptionId,
      String eventId,
      String eventType,
      String status,
      int attempts,
      String nextAttemptAt,
      String lastAttemptAt,
      Integer lastResponseStatus,
      String lastError,
      String deliveredAt,
      String createdAt) {

    static DeliveryView of(Delivery d) {
      return new DeliveryView(
          d.id(),
          d.subscriptionId(),
          d.eventId(),
          d.eventType().code(),
          d.status().code(),
          d.attempts(),
          time(d.nextAttemptAt()),
          time(d.lastAttemptAt()),
          d.lastResponseStatus(),
          d.lastError(),
          time(d.deliveredAt()),
          time(d.createdAt()));
    }
  }

  record DeliveryPageView(List<DeliveryView> deliveries, String nextCursor) {}

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
