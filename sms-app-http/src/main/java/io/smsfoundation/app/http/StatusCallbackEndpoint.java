package io.smsfoundation.app.http;

import io.smsfoundation.ports.in.RecordDeliveryStatus;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusCallback;
import io.smsfoundation.ports.in.RecordDeliveryStatus.StatusOutcome;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * {@code POST /webhook/twilio/status[?message_id=<uuid>]}: verifies Twilio's signature and records
 * the delivery status; the message is found by our id from the callback URL, else by its SID.
 */
public final class StatusCallbackEndpoint implements Endpoint {

  private final RecordDeliveryStatus recordDeliveryStatus;
  private final WebhookSignatures signatures;

  public StatusCallbackEndpoint(
      RecordDeliveryStatus recordDeliveryStatus, WebhookSignatures signatures) {
    this.recordDeliveryStatus = recordDeliveryStatus;
    this.signatures = signatures;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    Map<String, String> form = WebhookSignatures.verifiedForm(request, signatures);
    UUID messageId = messageId(request.queryParam("message_id"));
    MDC.put("twilio_sid", String.valueOf(form.get("MessageSid")));
    String status = form.get("MessageStatus");
    if (status == null || status.isBlank()) {
      status = form.get("SmsStatus");
    }
    StatusOutcome outcome =
        recordDeliveryStatus.record(
            new StatusCallback(
                messageId, form.get("MessageSid"), status, form.get("ErrorCode"), form));
    String word =
        switch (outcome) {
          case StatusOutcome.Applied applied -> {
            MDC.put("message_id", applied.messageId().toString());
            yield "status " + applied.previous() + " -> " + applied.current();
          }
          case StatusOutcome.Unchanged unchanged -> {
            MDC.put("message_id", unchanged.messageId().toString());
            yield unchanged.duplicate() ? "duplicate" : "unchanged " + unchanged.current();
          }
          case StatusOutcome.Kept kept -> "kept_for_later";
        };
    return HttpReply.emptyTwiml().withOutcome(word);
  }

  private static UUID messageId(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException notAnId) {
      throw ApiError.validation(
          "The message_id query parameter is not a message id",
          Map.of("message_id", "is not a UUID"));
    }
  }
}
