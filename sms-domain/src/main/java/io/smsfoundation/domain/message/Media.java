package io.smsfoundation.domain.message;

import java.util.Objects;

/**
 * One media attachment of an MMS, as Twilio lists it ({@code MediaUrlN}, {@code
 * MediaContentTypeN}).
 */
public record Media(String url, String contentType) {

  public Media {
    url = StorableText.of(Objects.requireNonNull(url, "url"));
    contentType = StorableText.of(contentType);
  }
}
