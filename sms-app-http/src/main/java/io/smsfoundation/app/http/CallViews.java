package io.smsfoundation.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallRoute;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.message.RawForm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of calls (snake_case through {@link JsonCodec}); times in ISO-8601 UTC. */
final class CallViews {

  private CallViews() {}

  record CallStatusView(String status, Integer durationSeconds, String receivedAt) {
    static CallStatusView of(CallStatusEvent event) {
      return new CallStatusView(
          event.status().code(), event.durationSeconds(), time(event.createdAt()));
    }
  }

  /**
   * A call; {@code statusHistory} and {@code rawWebhookData} appear only when one call is read on
   * its own.
   *
   * @param answer {@code dial} or {@code announcement}
   */
  record CallView(
      UUID id,
      String callSid,
      UUID conversationId,
      String tenantId,
      String from,
      String to,
      String direction,
      String status,
      String answer,
      String routedDialer,
      String routedTo,
      String callerId,
      Integer dialTimeoutSeconds,
      String announcementLanguage,
      String receivedAt,
      String routedAt,
      String answeredAt,
      String endedAt,
      Integer durationSeconds,
      Long responseTimeMs,
      String updatedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<CallStatusView> statusHistory,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> rawWebhookData) {

    static CallView of(Call call) {
      return of(call, null, null);
    }

    static CallView withHistory(Call call, List<CallStatusEvent> history) {
      return of(
          call,
          history.stream().map(CallStatusView::of).toList(),
          call.rawWebhookData().isEmpty() ? null : raw(call.rawWebhookData()));
    }

    private static CallView of(Call c, List<CallStatusView> history, Map<String, Object> raw) {
      CallRoute.Dial dial = c.route() instanceof CallRoute.Dial d ? d : null;
      CallRoute.Announcement announcement =
          c.route() instanceof CallRoute.Announcement a ? a : null;
      return new CallView(
          c.id(),
          c.callSid(),
          c.conversationId(),
          c.tenantId(),
          c.from(),
          c.to(),
          c.direction().code(),
          c.status().code(),
          dial != null ? "dial" : "announcement",
          dial == null ? null : dial.dialer(),
          dial == null ? null : dial.number(),
          dial == null ? null : dial.callerId(),
          dial == null ? null : dial.timeoutSeconds(),
          announcement == null ? null : announcement.language().code(),
          time(c.receivedAt()),
          time(c.routedAt()),
          time(c.answeredAt()),
          time(c.endedAt()),
          c.durationSeconds(),
          c.responseTimeMs(),
          time(c.updatedAt()),
          history,
          raw);
    }

    private static Map<String, Object> raw(RawForm form) {
      Map<String, Object> raw = new LinkedHashMap<>();
      form.asMap()
          .forEach(
              (name, values) -> raw.put(name, values.size() == 1 ? values.getFirst() : values));
      return raw;
    }
  }

  record CallPageView(
      Views.ConversationView conversation, List<CallView> calls, String nextCursor) {}

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
