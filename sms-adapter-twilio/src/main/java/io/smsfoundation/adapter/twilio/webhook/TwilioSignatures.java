package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code X-Twilio-Signature} of a webhook: HMAC-SHA1, keyed by the auth token, over
 * the URL Twilio called followed by every POST parameter sorted by name as {@code name + value} (a
 * repeated name contributes one {@code name + value} per distinct value, values sorted, as Twilio's
 * Node library computes it), Base64 encoded. Used by the verifier, the emulator and anything that
 * posts webhooks as Twilio would. Stateless.
 */
public final class TwilioSignatures {

  private static final String HMAC_SHA1 = "HmacSHA1";

  private TwilioSignatures() {}

  /** The signature Twilio would send for a POST of {@code form} to {@code url}. */
  public static String sign(String authToken, String url, RawForm form) {
    Objects.requireNonNull(url, "url");
    return Base64.getEncoder().encodeToString(mac(authToken, url, parameterData(form, true)));
  }

  /** Like {@link #sign(String, String, RawForm)} for a form whose names each occur once. */
  public static String signSingleValued(String authToken, String url, Map<String, String> params) {
    return sign(authToken, url, RawForm.ofSingleValues(params));
  }

  /**
   * The parameters as signed: sorted by name, each value of a name sorted, {@code name + value}
   * with no separators. With {@code distinctValues}, a value repeated under one name counts once
   * (Twilio's Node library signs it so).
   */
  static byte[] parameterData(RawForm form, boolean distinctValues) {
    StringBuilder data = new StringBuilder();
    for (Map.Entry<String, List<String>> param : new TreeMap<>(form.asMap()).entrySet()) {
      List<String> values =
          distinctValues
              ? new ArrayList<>(new TreeSet<>(param.getValue()))
              : new ArrayList<>(param.getValue());
      if (!distinctValues) {
        values.sort(null);
      }
      for (String value : values) {
        data.append(param.getKey()).append(value);
      }
    }
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether some name of the form repeats a value, so that the distinct-values data differ. */
  static boolean repeatsAValue(RawForm form) {
    for (List<String> values : form.asMap().values()) {
      if (values.size() > 1 && new TreeSet<>(values).size() < values.size()) {
        return true;
      }
    }
    return false;
  }

  /** HMAC-SHA1 of {@code url} followed by {@code parameterData}. */
  static byte[] mac(String authToken, String url, byte[] parameterData) {
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isEmpty()) {
      throw new IllegalArgumentException("an auth token cannot be empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
      mac.update(url.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(parameterData);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA1, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
