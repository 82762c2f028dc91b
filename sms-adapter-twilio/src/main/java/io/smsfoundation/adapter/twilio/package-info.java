/**
 * The Twilio adapter: {@link io.smsfoundation.adapter.twilio.TwilioSmsGateway} sends through the
 * official SDK with honest retries, and {@link
 * io.smsfoundation.adapter.twilio.TwilioSignatureVerifier} checks the signature of Twilio's
 * webhooks.
 */
package io.smsfoundation.adapter.twilio;
