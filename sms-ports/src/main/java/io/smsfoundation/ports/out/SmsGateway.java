package io.smsfoundation.ports.out;

/**
 * Hands messages to the SMS provider. Implementations are thread-safe, make one send attempt per
 * call from the caller's point of view (retrying internally only what provably never reached the
 * provider) and never throw for a provider failure: they say what happened.
 */
public interface SmsGateway {

  SendOutcome send(OutboundSms sms);

  /**
   * Asks the provider what it billed for a message it sent. Called by a background job once the
   * message has settled, never while a request waits. A gateway whose provider reports no prices
   * keeps this default: the message is never priced.
   */
  default PriceLookup lookupPrice(String providerMessageId) {
    return new PriceLookup.NotFound();
  }
}
