package io.smsfoundation.ports.out;

import io.smsfoundation.domain.phone.PhoneNumber;
import java.time.Instant;
import java.util.List;

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

  /**
   * The messages this gateway's sender (its number or messaging service) sent to {@code to} and
   * that the provider reports as sent at or after {@code since}, read page by page, newest first.
   * The service uses it to settle a send whose outcome was {@link SendOutcome.Unknown}. A gateway
   * that cannot list leaves such sends unknown: the default throws {@link
   * UnsupportedOperationException}, and the service then never sends them again.
   *
   * @throws ListingFailed when the provider could not be asked now (worth asking again later)
   */
  default List<ProviderMessage> sentTo(PhoneNumber to, Instant since) {
    throw new UnsupportedOperationException("this gateway cannot list the provider's messages");
  }

  /** The provider's message list could not be read now; nothing was learned. */
  final class ListingFailed extends RuntimeException {
    public ListingFailed(String reason) {
      super(reason, null, false, false);
    }
  }
}
