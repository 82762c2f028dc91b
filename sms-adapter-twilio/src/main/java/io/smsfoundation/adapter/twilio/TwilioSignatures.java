package io.smsfoundation.adapter.twilio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code X-Twilio-Signature} of a webhook: HMAC-SHA1, keyed by the auth token, over
 * the URL Twilio called followed by every POST parameter sorted by name as {@code name + value} (a
 * repeated name contributes one {@code name + value} per value, values sorted), Base64 encoded.
 * Used by the emulator and by anything that posts webhooks as Twilio would.
 */
public final class TwilioSignatures {

  private static final String HMAC_SHA1 = "HmacSHA1";

  private TwilioSignatures() {}

  /** The signature Twilio would send for a POST of {@code params} to {@code url}. */
  public static String sign(String authToken, String url, Map<String, List<String>> params) {
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(params, "params");
    if (authToken.isEmpty()) {
      throw new IllegalArgumentException("an auth token cannot be empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(payload(url, params).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA1, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /** Like {@link #sign(String, String, Map)} for a form whose names each occur once. */
  public static String signSingleValued(String authToken, String url, Map<String, String> params) {
    Map<String, List<String>> multi = new TreeMap<>();
    params.forEach((name, value) -> multi.put(name, value == null ? List.of() : List.of(value)));
    return sign(authToken, url, multi);
  }

  private static String payload(String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
      SortedSet<String> values = new TreeSet<>();
      for (String value : param.getValue()) {
        values.add(value == null ? "" : value);
      }
      if (values.isEmpty()) {
        data.append(param.getKey());
      }
      for (String value : values) {
        data.append(param.getKey()).append(value);
      }
    }
    return data.toString();
  }
}
