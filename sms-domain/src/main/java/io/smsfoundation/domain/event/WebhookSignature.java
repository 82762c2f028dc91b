package io.smsfoundation.domain.event;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} of the Standard Webhooks format: {@code v1,} and the Base64
 * HMAC-SHA256, keyed by the secret's key, of {@code id + "." + timestamp + "." + body}; several
 * signatures (a secret being rotated out) are separated by spaces. Stateless.
 */
public final class WebhookSignature {

  private static final String HMAC_SHA256 = "HmacSHA256";

  private WebhookSignature() {}

  /**
   * @param id the {@code webhook-id} header: the event id
   * @param timestamp the {@code webhook-timestamp} header: Unix seconds of the attempt
   * @param body the exact bytes sent
   */
  public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(secret.key(), HMAC_SHA256));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The header value with one signature per secret, in the order given. */
  public static String header(List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
    StringJoiner header = new StringJoiner(" ");
    for (WebhookSecret secret : secrets) {
      header.add(sign(secret, id, timestamp, body));
    }
    return header.toString();
  }
}
