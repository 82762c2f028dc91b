package io.smsfoundation.domain.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 digest of the parts of a request that an idempotency key promises to repeat. */
public final class RequestFingerprint {

  private RequestFingerprint() {}

  /**
   * Digests the parts in order; each part is length-prefixed so that {@code ("ab", "c")} and {@code
   * ("a", "bc")} differ. {@code null} parts are distinct from empty ones.
   */
  public static String of(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        if (part == null) {
          digest.update((byte) 0);
          continue;
        }
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK ships SHA-256", impossible);
    }
  }
}
