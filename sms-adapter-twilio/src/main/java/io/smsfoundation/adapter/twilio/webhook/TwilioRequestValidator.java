package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks the {@code X-Twilio-Signature} of a webhook against the public URL Twilio called. Accepts
 * exactly what Twilio's own validators (its Java {@code RequestValidator} and its Node {@code
 * validateRequest}) accept: the URL as received, with and without any port, and the other spellings
 * of its percent-encoding those libraries try ({@link SignedUrls}); the current auth token and,
 * during a rotation, a secondary one; a repeated parameter name with all of its values. A body
 * whose names or values are not UTF-8 is accepted when signed over the exact bytes they
 * percent-decode to, or over their decoded text (invalid sequences as U+FFFD, which is what a
 * validator that sees decoded parameters computes). Everything else is refused. Immutable and
 * thread-safe.
 */
public final class TwilioRequestValidator {

  private final List<String> authTokens;

  /**
   * @param authToken the account's auth token
   * @param secondaryAuthToken the token being rotated in or out, or {@code null}
   */
  public TwilioRequestValidator(String authToken, String secondaryAuthToken) {
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isBlank()) {
      throw new IllegalArgumentException("the auth token cannot be blank");
    }
    this.authTokens =
        secondaryAuthToken == null || secondaryAuthToken.isBlank()
            ? List.of(authToken)
            : List.of(authToken, secondaryAuthToken);
  }

  /**
   * Whether {@code signature} is Twilio's signature of a POST of {@code form} to {@code url}.
   *
   * @param url the public URL the request was sent to, query string as received
   * @param signature the header's value, or {@code null} when it is missing
   */
  public boolean isValid(String url, RawForm form, String signature) {
    Objects.requireNonNull(form, "form");
    return isValid(url, List.of(TwilioSignatures.ofText(form)), signature);
  }

  /** Like {@link #isValid(String, RawForm, String)} for a body as received. */
  boolean isValid(String url, FormCodec.ParsedForm body, String signature) {
    Objects.requireNonNull(body, "body");
    return isValid(
        url,
        body.utf8()
            ? List.of(TwilioSignatures.exact(body))
            : List.of(TwilioSignatures.exact(body), TwilioSignatures.decoded(body)),
        signature);
  }

  private boolean isValid(
      String url, List<List<TwilioSignatures.Signed>> readings, String signature) {
    Objects.requireNonNull(url, "url");
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    List<byte[]> data = new ArrayList<>();
    for (List<TwilioSignatures.Signed> params : readings) {
      data.add(TwilioSignatures.parameterData(params, false));
      if (TwilioSignatures.repeatsAValue(params)) {
        data.add(TwilioSignatures.parameterData(params, true));
      }
    }
    // The URL exactly as received is what Twilio signs almost always: try it before the others.
    if (matches(url, data, given)) {
      return true;
    }
    List<String> candidates = SignedUrls.candidates(url);
    for (int i = 1; i < candidates.size(); i++) {
      if (matches(candidates.get(i), data, given)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String url, List<byte[]> data, byte[] given) {
    for (String token : authTokens) {
      for (byte[] parameters : data) {
        if (equal(TwilioSignatures.mac(token, url, parameters), given)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Constant-time, so the time taken says nothing about how close a forged signature came. */
  private static boolean equal(byte[] mac, byte[] given) {
    return MessageDigest.isEqual(Base64.getEncoder().encode(mac), given);
  }
}
