package io.smsfoundation.app.http;

import java.util.List;
import java.util.Map;

/**
 * Checks Twilio's {@code X-Twilio-Signature} of a webhook request against the public URL Twilio
 * called. The composition root plugs in the Twilio adapter's verifier.
 */
@FunctionalInterface
public interface WebhookSignatures {

  /** The outcome word of a webhook refused for its signature (DESIGN section 11). */
  String INVALID_SIGNATURE = "invalid_signature";

  /**
   * @param rawPath the request path as received
   * @param rawQuery the query string as received, or {@code null}
   * @param params every form parameter, every value
   * @param signature the header's value
   */
  boolean isValid(
      String rawPath, String rawQuery, Map<String, List<String>> params, String signature);

  /** Reads a webhook's form after checking its signature; nothing is parsed for an unsigned one. */
  static Map<String, String> verifiedForm(HttpRequest request, WebhookSignatures signatures) {
    String signature = request.header("X-Twilio-Signature");
    if (signature == null || signature.isBlank()) {
      throw ApiError.forbidden("The X-Twilio-Signature header is missing")
          .withOutcome(INVALID_SIGNATURE);
    }
    Map<String, List<String>> form = FormBody.parse(request.body());
    if (!signatures.isValid(request.rawPath(), request.rawQuery(), form, signature.strip())) {
      throw ApiError.forbidden("The Twilio signature does not match this request")
          .withOutcome(INVALID_SIGNATURE);
    }
    return FormBody.firstValues(form);
  }
}
