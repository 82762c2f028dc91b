package io.smsfoundation.domain.event;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A subscription's signing secret in the Standard Webhooks form: {@code whsec_} followed by the
 * Base64 of the key. {@link #toString()} never shows it.
 */
public final class WebhookSecret {

  /** The prefix Standard Webhooks gives a secret. */
  public static final String PREFIX = "whsec_";

  /** Bytes of a generated key: 256 bits, as HMAC-SHA256 wants. */
  public static final int KEY_BYTES = 32;

  private final String text;
  private final byte[] key;

  private WebhookSecret(String text, byte[] key) {
    this.text = text;
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException for text that is not {@code whsec_<base64>} with a key of at
   *     least 24 bytes
   */
  public static WebhookSecret of(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("a webhook secret is Base64 after its prefix");
    }
    if (key.length < 24) {
      throw new IllegalArgumentException("a webhook secret needs at least 24 bytes of key");
    }
    return new WebhookSecret(text, key);
  }

  /** A secret with {@code key} (from a strong random source) as its key. */
  public static WebhookSecret fromKey(byte[] key) {
    if (key.length < 24) {
      throw new IllegalArgumentException("a webhook secret needs at least 24 bytes of key");
    }
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key), key.clone());
  }

  /** {@code whsec_...}, to show its owner once and to store. */
  public String text() {
    return text;
  }

  byte[] key() {
    return key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret secret && Arrays.equals(key, secret.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "WebhookSecret[redacted]";
  }
}
