package io.smsfoundation.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.app.http.Views.SendReceiptView;
import io.smsfoundation.app.limits.SendRate;
import io.smsfoundation.ports.in.SendSms;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * {@code POST /sms/send}: {@code {"to": "+1...", "body": "..."}}, {@code {"conversation_id": "...",
 * "body": "..."}} or {@code {"tenant_id": "...", "body": "..."}} with an optional {@code
 * Idempotency-Key} header. Answers 202 with the receipt (a replay answers the original message as
 * it is now), 404 for an unknown conversation or tenant, 409 for an opted-out recipient or a key
 * still in flight, 422 for a key reused with another body, 429 past the caller's rate, 503 when a
 * tenant who never texted needs the directory and it does not answer in time.
 */
public final class SendSmsEndpoint implements Endpoint {

  private final SendSms sendSms;
  private final SendRate rateLimiter;
  private final JsonCodec json;

  public SendSmsEndpoint(SendSms sendSms, SendRate rateLimiter, JsonCodec json) {
    this.sendSms = sendSms;
    this.rateLimiter = rateLimiter;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    Optional<Duration> wait = rateLimiter.acquire(String.valueOf(request.caller()));
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      throw ApiError.rateLimited(seconds);
    }
    ObjectNode body = json.readObject(request.body());
    Map<String, String> fields =
        JsonCodec.textFields(body, "to", "conversation_id", "tenant_id", "body");
    if (fields.get("tenant_id") != null) {
      LogContext.tenant(fields.get("tenant_id"));
    }
    SendCommand command =
        new SendCommand(
            fields.get("to"),
            conversationId(fields.get("conversation_id")),
            fields.get("tenant_id"),
            fields.get("body"),
            request.header("Idempotency-Key"));
    return switch (sendSms.send(command)) {
      case SendResult.Accepted accepted -> receipt(accepted.receipt(), "accepted");
      case SendResult.Replayed replayed ->
          receipt(replayed.receipt(), "replayed").withHeader("Idempotent-Replayed", "true");
      case SendResult.ConversationNotFound notFound ->
          throw ApiError.notFound("No conversation has this conversation_id");
      case SendResult.TenantNotFound notFound ->
          throw ApiError.notFound("The tenant directory knows no tenant with this tenant_id");
      case SendResult.DirectoryUnavailable unavailable ->
          throw ApiError.unavailable(
                  "The tenant directory did not answer with the tenant's numbers; retry later")
              .withOutcome("directory_unavailable");
      case SendResult.OptedOut optedOut ->
          throw ApiError.conflict(
              "sms.opted_out", "The recipient opted out of messages (replied STOP)");
      case SendResult.IdempotencyMismatch mismatch -> throw ApiError.idempotencyMismatch();
      case SendResult.IdempotencyInFlight inFlight ->
          throw ApiError.conflict(
              "sms.idempotency_in_flight",
              "A request with this Idempotency-Key is still being processed; retry shortly");
    };
  }

  private static UUID conversationId(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException notAnId) {
      throw ApiError.validation(
          "The request is invalid", Map.of("conversation_id", "is not a conversation id"));
    }
  }

  private HttpReply receipt(SendSms.Receipt receipt, String outcome) {
    MDC.put("message_id", receipt.messageId().toString());
    MDC.put("conversation_id", receipt.conversationId().toString());
    return HttpReply.json(202, json.write(SendReceiptView.of(receipt))).withOutcome(outcome);
  }
}
