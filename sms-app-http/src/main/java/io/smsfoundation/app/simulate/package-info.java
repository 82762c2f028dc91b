/** The {@code simulate} command: signed fake Twilio webhooks for trying the service locally. */
package io.smsfoundation.app.simulate;
