package io.smsfoundation.domain.message;

import java.math.BigDecimal;

/**
 * What a message cost and how long the service took with it, for the usage report.
 *
 * @param processingMs inbound: from the request's arrival to the message's write; outbound: from
 *     the send request's acceptance to the provider's answer; {@code null} until known
 * @param price what the provider billed, as it reports it (Twilio reports charges as negative
 *     amounts), or {@code null} until it has reported one
 * @param priceUnit the currency of {@code price} ({@code USD}), or {@code null}
 */
public record MessageUsage(Long processingMs, BigDecimal price, String priceUnit) {

  /** Nothing known yet. */
  public static final MessageUsage NONE = new MessageUsage(null, null, null);

  public MessageUsage {
    if (processingMs != null && processingMs < 0) {
      processingMs = 0L;
    }
    priceUnit = StorableText.of(priceUnit);
  }

  /** Only a processing time. */
  public static MessageUsage processed(long millis) {
    return new MessageUsage(millis, null, null);
  }
}
