/**
 * Where HTTP meets the Twilio adapter's webhook handlers: the only package of the app that may call
 * them. It builds the public URL Twilio signed, puts what a webhook was about into the log context,
 * and turns a handler's refusal into the error envelope.
 */
package io.smsfoundation.app.twilio;
