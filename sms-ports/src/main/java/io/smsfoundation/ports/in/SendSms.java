package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.MessageEncoding;
import java.util.UUID;

/** Accepts an outbound SMS, stores it and has it sent in the background. */
public interface SendSms {

  /** Longest body accepted, in characters (Twilio's own limit). */
  int MAX_BODY_LENGTH = 1600;

  /** Longest idempotency key accepted. */
  int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  SendResult send(SendCommand command);

  /**
   * A request to send.
   *
   * <p>The destination is {@code to}, else the number of conversation {@code conversationId}, else
   * the most recently used number of tenant {@code tenantId}, else, for a tenant who never texted,
   * the first mobile number the tenant directory has for the tenant. When several are given they
   * must agree.
   *
   * @param to the destination, or {@code null}
   * @param conversationId a conversation whose number is the destination, or {@code null}
   * @param tenantId a tenant whose most recently used number is the destination, or {@code null}
   * @param idempotencyKey the caller's key, or {@code null}
   */
  record SendCommand(
      String to, UUID conversationId, String tenantId, String body, String idempotencyKey) {

    public SendCommand {
      to = Validation.present(to) ? to.strip() : null;
      tenantId = Validation.present(tenantId) ? tenantId.strip() : null;
      idempotencyKey = Validation.present(idempotencyKey) ? idempotencyKey.strip() : null;
      new Validation()
          .require(
              to != null || conversationId != null || tenantId != null,
              "to",
              "is required unless conversation_id or tenant_id is given")
          .require(Validation.present(body), "body", "is required and must not be blank")
          .requireStorable(to, "to")
          .requireStorable(tenantId, "tenant_id")
          .requireStorable(body, "body")
          .requireStorable(idempotencyKey, "Idempotency-Key")
          .require(
              body == null || body.length() <= MAX_BODY_LENGTH,
              "body",
              "must be at most " + MAX_BODY_LENGTH + " characters")
          .require(
              idempotencyKey == null || idempotencyKey.length() <= MAX_IDEMPOTENCY_KEY_LENGTH,
              "Idempotency-Key",
              "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters")
          .throwIfInvalid();
    }

    /** A send of {@code body} to {@code to}. */
    public static SendCommand to(String to, String body, String idempotencyKey) {
      return new SendCommand(to, null, null, body, idempotencyKey);
    }
  }

  /** The message as the caller sees it right after the request. */
  record Receipt(
      UUID messageId,
      UUID conversationId,
      DeliveryStatus status,
      String twilioSid,
      int segments,
      MessageEncoding encoding) {}

  /** What became of a send request. */
  sealed interface SendResult {

    /** Stored and on its way. */
    record Accepted(Receipt receipt) implements SendResult {}

    /** The idempotency key was used before for the same request: its message, as it is now. */
    record Replayed(Receipt receipt) implements SendResult {}

    /** The conversation named by the request does not exist; nothing was stored or sent. */
    record ConversationNotFound() implements SendResult {}

    /** The tenant named by the request is unknown to the directory; nothing was stored or sent. */
    record TenantNotFound() implements SendResult {}

    /**
     * The tenant never texted and the directory, asked for the tenant's numbers, did not answer in
     * time; nothing was stored or sent: retry later.
     */
    record DirectoryUnavailable(String reason) implements SendResult {}

    /** The destination opted out; nothing was stored or sent. */
    record OptedOut() implements SendResult {}

    /** The idempotency key was used before for a different request. */
    record IdempotencyMismatch() implements SendResult {}

    /** The request that first used the idempotency key is still being processed. */
    record IdempotencyInFlight() implements SendResult {}
  }
}
