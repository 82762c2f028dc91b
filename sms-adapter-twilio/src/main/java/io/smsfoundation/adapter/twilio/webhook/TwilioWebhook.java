package io.smsfoundation.adapter.twilio.webhook;

/**
 * Answers one kind of Twilio webhook: verifies its signature, reads its form, calls the use case
 * and renders the TwiML answer. Implementations are thread-safe; use-case failures (a store that
 * cannot be reached, say) propagate to the caller, which answers so that Twilio tries again.
 */
@FunctionalInterface
public interface TwilioWebhook {

  WebhookResult handle(WebhookRequest request);
}
