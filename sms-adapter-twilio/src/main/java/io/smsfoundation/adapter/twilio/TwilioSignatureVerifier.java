package io.smsfoundation.adapter.twilio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code X-Twilio-Signature} of a webhook against the URL Twilio called: the configured
 * public base URL followed by the path and the raw query string of the request, which may differ
 * from the URL this process sees behind a proxy. Accepts the current auth token and, during a
 * rotation, a secondary one; tries the URL with and without the scheme's default port, since Twilio
 * signs with whichever form it was given. Immutable and thread-safe.
 */
public final class TwilioSignatureVerifier {

  /** {@code scheme://[userinfo@]host[:port]} followed by the rest of the URL. */
  private static final Pattern ORIGIN =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#@]*@)?(\\[[^]]*]|[^/?#:]*)(:\\d*)?(.*)$");

  private final String publicBaseUrl;
  private final List<String> authTokens;

  /**
   * @param publicBaseUrl the scheme, host, optional port and optional path prefix under which
   *     Twilio reaches this service ({@code PUBLIC_BASE_URL}); a trailing slash is ignored
   * @param authToken the account's auth token
   * @param secondaryAuthToken the token being rotated in or out, or {@code null}
   */
  public TwilioSignatureVerifier(URI publicBaseUrl, String authToken, String secondaryAuthToken) {
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    Objects.requireNonNull(authToken, "authToken");
    if (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null) {
      throw new IllegalArgumentException("the public base URL must be absolute, with a host");
    }
    if (authToken.isBlank()) {
      throw new IllegalArgumentException("the auth token cannot be blank");
    }
    String base = publicBaseUrl.toString();
    this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.authTokens =
        secondaryAuthToken == null || secondaryAuthToken.isBlank()
            ? List.of(authToken)
            : List.of(authToken, secondaryAuthToken);
  }

  /**
   * The URL Twilio called for a request this process received on {@code path} with {@code
   * rawQuery}.
   *
   * @param path the request path as received, starting with {@code /}
   * @param rawQuery the query string exactly as received (still percent-encoded), or {@code null}
   */
  public String publicUrl(String path, String rawQuery) {
    Objects.requireNonNull(path, "path");
    String url = publicBaseUrl + (path.startsWith("/") ? path : "/" + path);
    return rawQuery == null || rawQuery.isEmpty() ? url : url + "?" + rawQuery;
  }

  /**
   * Whether {@code signature} is Twilio's signature of a request received on {@code path} and
   * {@code rawQuery} with form {@code params}.
   *
   * @param params every form parameter of the request body, as received
   * @param signature the {@code X-Twilio-Signature} header, or {@code null} when it is missing
   */
  public boolean isValid(
      String path, String rawQuery, Map<String, List<String>> params, String signature) {
    return isValidForUrl(publicUrl(path, rawQuery), params, signature);
  }

  /** Whether {@code signature} is Twilio's signature of a POST of {@code params} to {@code url}. */
  public boolean isValidForUrl(String url, Map<String, List<String>> params, String signature) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(params, "params");
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
    boolean valid = false;
    for (String token : authTokens) {
      for (String candidate : withAndWithoutDefaultPort(url)) {
        byte[] expected =
            TwilioSignatures.sign(token, candidate, params).getBytes(StandardCharsets.US_ASCII);
        // Every candidate is computed and compared, so the time taken says nothing about which
        // token or URL form came close; MessageDigest.isEqual itself is constant-time.
        valid |= MessageDigest.isEqual(expected, given);
      }
    }
    return valid;
  }

  /**
   * The URL as given plus its twin with the default port added or removed. Only the authority is
   * touched: the path and query keep their exact encoding, because Twilio signs them as they are.
   */
  static Set<String> withAndWithoutDefaultPort(String url) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(url);
    Matcher origin = ORIGIN.matcher(url);
    if (!origin.matches()) {
      return forms;
    }
    String scheme = origin.group(1);
    String userInfo = origin.group(2) == null ? "" : origin.group(2);
    String host = origin.group(3);
    String port = origin.group(4);
    String rest = origin.group(5);
    String defaultPort =
        switch (scheme.toLowerCase(Locale.ROOT)) {
          case "https" -> "443";
          case "http" -> "80";
          default -> null;
        };
    if (defaultPort == null) {
      return forms;
    }
    String prefix = scheme + "://" + userInfo + host;
    if (port == null || port.equals(":")) {
      forms.add(prefix + ":" + defaultPort + rest);
    } else if (port.substring(1).equals(defaultPort)) {
      forms.add(prefix + rest);
    }
    return forms;
  }
}
