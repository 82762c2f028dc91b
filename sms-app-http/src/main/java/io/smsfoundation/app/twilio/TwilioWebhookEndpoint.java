package io.smsfoundation.app.twilio;

import io.smsfoundation.adapter.twilio.webhook.TwilioWebhook;
import io.smsfoundation.adapter.twilio.webhook.WebhookRequest;
import io.smsfoundation.adapter.twilio.webhook.WebhookResult;
import io.smsfoundation.app.http.ApiError;
import io.smsfoundation.app.http.ClientAddresses;
import io.smsfoundation.app.http.Endpoint;
import io.smsfoundation.app.http.HttpReply;
import io.smsfoundation.app.http.HttpRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Routes one Twilio webhook path to its handler in the Twilio adapter. This class owns only the
 * HTTP side: the public URL Twilio called ({@code PUBLIC_BASE_URL} with the path and query as
 * received, because the service may sit behind a proxy that rewrites them), the log context, and
 * turning a refusal into the error envelope, and the guard against forged webhooks: a client
 * address that sent too many bad signatures is answered {@code 429} before its request is read.
 * Thread-safe.
 */
public final class TwilioWebhookEndpoint implements Endpoint {

  private final TwilioWebhook webhook;
  private final String publicBaseUrl;
  private final ForgedWebhookGuard guard;
  private final ClientAddresses clients;

  /**
   * @param publicBaseUrl the URL under which Twilio reaches the service; a trailing slash is
   *     ignored
   * @param clients how the client's address is told from the proxies in front of the service
   */
  public TwilioWebhookEndpoint(
      TwilioWebhook webhook, URI publicBaseUrl, ForgedWebhookGuard guard, ClientAddresses clients) {
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.clients = Objects.requireNonNull(clients, "clients");
    String base = publicBaseUrl.toString();
    this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    String client = clients.of(request.peerAddress(), request.header("X-Forwarded-For"));
    Optional<Duration> refused = guard.refusing(client);
    if (refused.isPresent()) {
      long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
      throw ApiError.tooManyForgedWebhooks(seconds).withOutcome("forged_limited");
    }
    WebhookResult result =
        webhook.handle(
            new WebhookRequest(
                request.method(),
                publicUrl(request),
                request.headers(),
                // read only if the handler gets that far (a request without signature never is)
                request::body,
                request.receivedNanos()));
    result.about().forEach(MDC::put);
    return switch (result) {
      case WebhookResult.Answered answered ->
          HttpReply.xml(answered.twiml())
              .withOutcome(answered.outcome())
              .afterWritten(answered.afterWritten());
      case WebhookResult.Refused refusal -> {
        if (refusal.reason() == WebhookResult.Reason.FORBIDDEN) {
          guard.badSignature(client);
        }
        throw refusal(refusal);
      }
    };
  }

  private static ApiError refusal(WebhookResult.Refused refused) {
    ApiError error =
        switch (refused.reason()) {
          case FORBIDDEN -> ApiError.forbidden(refused.message());
          case INVALID -> ApiError.validation(refused.message(), refused.details());
        };
    return error.withOutcome(refused.outcome());
  }

  /** The URL Twilio called, which its signature covers. */
  String publicUrl(HttpRequest request) {
    String path = request.rawPath().startsWith("/") ? request.rawPath() : "/" + request.rawPath();
    String query = request.rawQuery();
    return publicBaseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
  }
}
