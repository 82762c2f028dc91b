/** Opt-out and opt-in: Twilio's {@code OptOutType} and keywords in English, Spanish, Portuguese. */
package io.smsfoundation.domain.optout;
