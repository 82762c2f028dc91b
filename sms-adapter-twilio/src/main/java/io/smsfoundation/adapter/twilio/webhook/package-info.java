/**
 * The driving side of the Twilio adapter: framework-free handlers of Twilio's webhooks. Each takes
 * the raw request (method, public URL, headers, body bytes), verifies Twilio's signature the way
 * Twilio's own validators do, reads the form into a typed record, maps it to a provider-neutral
 * command of {@code ports.in}, calls the use case and renders the TwiML answer with the SDK's
 * {@code com.twilio.twiml} builders. Everything that knows Twilio's parameter names and codes is
 * here; the web server only routes to {@link
 * io.smsfoundation.adapter.twilio.webhook.TwilioWebhooks}.
 */
package io.smsfoundation.adapter.twilio.webhook;
