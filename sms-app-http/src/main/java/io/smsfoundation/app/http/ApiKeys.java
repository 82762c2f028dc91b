package io.smsfoundation.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The API keys callers authenticate with ({@code Authorization: Bearer <key>}). Only SHA-256
 * digests are kept, and a presented key is compared with every one of them in constant time, so
 * neither timing nor a heap dump gives a key away. Thread-safe.
 */
public final class ApiKeys {

  private static final String BEARER = "bearer ";

  private final List<byte[]> digests = new ArrayList<>();

  public ApiKeys(List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one API key is needed");
    }
    keys.forEach(key -> digests.add(sha256(key)));
  }

  /**
   * The id ({@code key-1}, {@code key-2}... in configuration order) of the key in an {@code
   * Authorization} header, or empty when the header is missing, malformed or names no key.
   */
  public Optional<String> authenticate(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      // no early exit: every key is compared, whatever matched before
      if (MessageDigest.isEqual(digests.get(i), presented) && match < 0) {
        match = i;
      }
    }
    return match < 0 ? Optional.empty() : Optional.of("key-" + (match + 1));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK ships SHA-256", impossible);
    }
  }
}
