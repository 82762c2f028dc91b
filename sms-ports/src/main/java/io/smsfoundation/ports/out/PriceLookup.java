package io.smsfoundation.ports.out;

import java.math.BigDecimal;
import java.util.Objects;

/** What the provider said when asked what a message it sent cost. */
public sealed interface PriceLookup {

  /**
   * The provider billed {@code price} (as it reports it: Twilio's charges are negative amounts).
   *
   * @param unit the currency, {@code USD}...
   */
  record Priced(BigDecimal price, String unit) implements PriceLookup {
    public Priced {
      Objects.requireNonNull(price, "price");
    }
  }

  /** The provider knows the message but has not priced it yet: ask again later. */
  record NotYetPriced() implements PriceLookup {}

  /** The provider knows no such message: asking again will not help. */
  record NotFound() implements PriceLookup {}

  /** The provider did not answer usefully: ask again later. */
  record Unavailable(String reason) implements PriceLookup {}
}
