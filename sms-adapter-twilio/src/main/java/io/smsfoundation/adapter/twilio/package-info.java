/**
 * The Twilio adapter's driven side: {@link io.smsfoundation.adapter.twilio.TwilioSmsGateway} sends
 * through the official SDK with honest retries. Its driving side, the webhook handlers, is in
 * {@link io.smsfoundation.adapter.twilio.webhook}; a local fake of Twilio's API is in {@link
 * io.smsfoundation.adapter.twilio.emulator}.
 */
package io.smsfoundation.adapter.twilio;
