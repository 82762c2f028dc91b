package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.MessageEncoding;
import io.smsfoundation.domain.message.StorableText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.UUID;

/** Accepts an outbound SMS, stores it and has it sent in the background. */
public interface SendSms {

  /** Longest body accepted, in characters (Twilio's own limit). */
  int MAX_BODY_LENGTH = 1600;

  /** Most pictures one message may carry (Twilio's own limit). */
  int MAX_MEDIA = 10;

  /** Longest picture URL accepted. */
  int MAX_MEDIA_URL_LENGTH = 2048;

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
   * @param mediaUrls pictures to send as an MMS (up to {@value #MAX_MEDIA} absolute {@code https}
   *     URLs); the body may then be empty
   */
  record SendCommand(
      String to,
      UUID conversationId,
      String tenantId,
      String body,
      String idempotencyKey,
      List<String> mediaUrls) {

    public SendCommand {
      to = Validation.present(to) ? to.strip() : null;
      tenantId = Validation.present(tenantId) ? tenantId.strip() : null;
      idempotencyKey = Validation.present(idempotencyKey) ? idempotencyKey.strip() : null;
      mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
      body = body == null && !mediaUrls.isEmpty() ? "" : body;
      new Validation()
          .require(
              to != null || conversationId != null || tenantId != null,
              "to",
              "is required unless conversation_id or tenant_id is given")
          .require(
              Validation.present(body) || !mediaUrls.isEmpty(),
              "body",
              "is required and must not be blank, unless media_urls are given")
          .require(
              mediaUrls.size() <= MAX_MEDIA,
              "media_urls",
              "must hold at most " + MAX_MEDIA + " URLs")
          .require(
              mediaUrls.stream().allMatch(SendCommand::isMediaUrl),
              "media_urls",
              "must be absolute https URLs of at most " + MAX_MEDIA_URL_LENGTH + " characters")
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

    /** A send without pictures. */
    public SendCommand(
        String to, UUID conversationId, String tenantId, String body, String idempotencyKey) {
      this(to, conversationId, tenantId, body, idempotencyKey, List.of());
    }

    /** A send of {@code body} to {@code to}. */
    public static SendCommand to(String to, String body, String idempotencyKey) {
      return new SendCommand(to, null, null, body, idempotencyKey);
    }

    private static boolean isMediaUrl(String url) {
      if (url == null || url.length() > MAX_MEDIA_URL_LENGTH || !StorableText.isStorable(url)) {
        return false;
      }
      try {
        URI uri = new URI(url);
        return "https".equalsIgnoreCase(uri.getScheme())
            && uri.getHost() != null
            && !uri.getHost().isBlank();
      } catch (URISyntaxException notAUrl) {
        return false;
      }
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
