package io.smsfoundation.adapter.twilio.webhook;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spellings of a webhook URL that Twilio may have signed. Twilio signs the URL as it was
 * configured, and its own validators accept a request when the signature matches any of several
 * spellings of the URL the application sees: Twilio's Java library tries the URL with and without
 * its port (re-encoded by {@link URI}), and its Node library tries the URL as received with and
 * without any port, then the URL normalized as a browser would (WHATWG URL), with and without the
 * port, and each of those with its query string re-encoded the way Node's legacy {@code
 * querystring} module encodes it ({@code '} for {@code %27}, {@code %20} for {@code +}, {@code %7C}
 * for {@code |}). The verifier accepts exactly the union of these spellings, so that it agrees with
 * both libraries. Stateless.
 */
final class SignedUrls {

  /** {@code scheme://} and the authority, without normalizing anything. */
  private static final Pattern SPLIT =
      Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)", Pattern.DOTALL);

  private static final String HEX = "0123456789ABCDEF";

  private SignedUrls() {}

  /** Every spelling of {@code url} a signature may cover, {@code url} itself first. */
  static List<String> candidates(String url) {
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(url);
    javaWithPortToggled(url).ifPresent(candidates::add);
    candidates.add(withoutPort(url));
    candidates.add(withDefaultPort(url));
    String normalized = BrowserUrl.normalize(url);
    if (normalized != null) {
      String without = withoutPort(normalized);
      String with = withDefaultPort(normalized);
      candidates.add(without);
      candidates.add(with);
      candidates.add(withLegacyQuery(without));
      candidates.add(withLegacyQuery(with));
    }
    return List.copyOf(candidates);
  }

  /**
   * What Twilio's Java {@code RequestValidator} tries besides the URL itself: with a port, the URL
   * without it; without one, the URL with the scheme's default port. Both rebuilt by {@link URI},
   * which decodes and re-quotes the path and query; nothing when {@link URI} cannot parse it.
   */
  static java.util.Optional<String> javaWithPortToggled(String url) {
    try {
      URI uri = new URI(url);
      int port;
      if (uri.getPort() == -1) {
        port = "https".equals(uri.getScheme()) ? 443 : 80;
      } else {
        port = -1;
      }
      try {
        return java.util.Optional.of(
            new URI(
                    uri.getScheme(),
                    uri.getUserInfo(),
                    uri.getHost(),
                    port,
                    uri.getPath(),
                    uri.getQuery(),
                    uri.getFragment())
                .toString());
      } catch (URISyntaxException unbuildable) {
        return java.util.Optional.of(uri.toString());
      }
    } catch (URISyntaxException unparseable) {
      return java.util.Optional.empty();
    }
  }

  /** The URL with any port removed, the rest untouched. */
  static String withoutPort(String url) {
    Parts parts = Parts.of(url);
    return parts == null ? url : parts.scheme + parts.userInfo + parts.host + parts.rest;
  }

  /** The URL with the scheme's default port when it has none, the rest untouched. */
  static String withDefaultPort(String url) {
    Parts parts = Parts.of(url);
    if (parts == null || !parts.port.isEmpty()) {
      return url;
    }
    String port = parts.scheme.equalsIgnoreCase("https://") ? ":443" : ":80";
    return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
  }

  /** A URL split without normalizing: {@code rest} is everything after the authority. */
  private record Parts(String scheme, String userInfo, String host, String port, String rest) {

    static Parts of(String url) {
      Matcher match = SPLIT.matcher(url);
      if (!match.find()) {
        return null;
      }
      String authority = match.group(2);
      int userInfoEnd = authority.lastIndexOf('@');
      String hostAndPort = authority.substring(userInfoEnd + 1);
      // a colon starts the port only after the closing bracket of an IPv6 literal
      int portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
      return new Parts(
          match.group(1),
          authority.substring(0, userInfoEnd + 1),
          portStart < 0 ? hostAndPort : hostAndPort.substring(0, portStart),
          portStart < 0 ? "" : hostAndPort.substring(portStart),
          url.substring(match.end()));
    }
  }

  /**
   * The URL with its query string decoded and encoded again as Node's {@code querystring} module
   * does: parameters grouped by name (names that are array indices first, in numeric order, then
   * the others in order of appearance), every character but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}
   * percent-encoded.
   */
  static String withLegacyQuery(String url) {
    int start = url.indexOf('?');
    if (start < 0 || start == url.length() - 1) {
      return url;
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : url.substring(start + 1).split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = legacyDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : legacyDecode(pair.substring(equals + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    List<String> names = new ArrayList<>();
    params.keySet().stream()
        .filter(SignedUrls::isArrayIndex)
        .sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
        .forEach(names::add);
    params.keySet().stream().filter(name -> !isArrayIndex(name)).forEach(names::add);
    StringBuilder query = new StringBuilder();
    for (String name : names) {
      for (String value : params.get(name)) {
        if (!query.isEmpty()) {
          query.append('&');
        }
        query.append(legacyEncode(name)).append('=').append(legacyEncode(value));
      }
    }
    return url.substring(0, start) + "?" + query;
  }

  /** JavaScript orders the integer-like keys of an object first. */
  private static boolean isArrayIndex(String name) {
    if (name.isEmpty() || name.length() > 10 || (name.length() > 1 && name.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(name) < 0xFFFF_FFFFL;
  }

  /** {@code +} is a space, valid escapes become bytes, the rest stays; UTF-8 with replacement. */
  private static String legacyDecode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%'
          && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        int end = i + (Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : 1);
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String legacyEncode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
      }
    }
    return out.toString();
  }

  /** Appends the UTF-8 bytes of {@code codePoint}, percent-encoded. */
  private static void percentEncode(StringBuilder out, int codePoint) {
    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
    }
  }

  /**
   * The WHATWG URL serialization of an {@code http} or {@code https} URL, as browsers and Node's
   * {@code new URL(url).toString()} produce it, for the URLs a webhook can arrive on: scheme and
   * host lower-cased, the default port dropped, dot segments resolved, and the characters each part
   * may not hold percent-encoded. Existing escapes are kept as they are.
   */
  static final class BrowserUrl {

    private static final Pattern SCHEME =
        Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$", Pattern.DOTALL);

    private BrowserUrl() {}

    /** The normalized URL, or {@code null} for one this does not handle (or a browser refuses). */
    static String normalize(String url) {
      Matcher scheme = SCHEME.matcher(url);
      if (!scheme.matches()) {
        return null;
      }
      String name = scheme.group(1).toLowerCase(Locale.ROOT);
      int defaultPort =
          switch (name) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
          };
      if (defaultPort < 0) {
        return null;
      }
      String rest = scheme.group(2);
      int fragmentAt = rest.indexOf('#');
      String fragment = fragmentAt < 0 ? null : rest.substring(fragmentAt + 1);
      rest = fragmentAt < 0 ? rest : rest.substring(0, fragmentAt);
      int queryAt = rest.indexOf('?');
      String query = queryAt < 0 ? null : rest.substring(queryAt + 1);
      rest = (queryAt < 0 ? rest : rest.substring(0, queryAt)).replace('\\', '/');
      if (!rest.startsWith("//")) {
        return null;
      }
      rest = rest.substring(2);
      int pathAt = rest.indexOf('/');
      String authority = pathAt < 0 ? rest : rest.substring(0, pathAt);
      String path = pathAt < 0 ? "" : rest.substring(pathAt);
      String host = host(authority, defaultPort);
      if (host == null) {
        return null;
      }
      StringBuilder out = new StringBuilder(url.length() + 16);
      out.append(name).append("://").append(host).append(path(path));
      if (query != null) {
        out.append('?');
        encode(out, query, "\"#<>'");
      }
      if (fragment != null) {
        out.append('#');
        encode(out, fragment, "\"<>`");
      }
      return out.toString();
    }

    /** {@code [userinfo@]host[:port]} lower-cased, the default or an empty port dropped. */
    private static String host(String authority, int defaultPort) {
      int at = authority.lastIndexOf('@');
      String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
      String hostAndPort = authority.substring(at + 1);
      int colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
      String host =
          (colon < 0 ? hostAndPort : hostAndPort.substring(0, colon)).toLowerCase(Locale.ROOT);
      if (host.isEmpty()) {
        return null;
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c <= ' ' || c > '~' || "%<>^|\"`{}".indexOf(c) >= 0) {
          return null;
        }
      }
      String port = colon < 0 ? "" : hostAndPort.substring(colon + 1);
      if (port.isEmpty()) {
        return userInfo + host;
      }
      if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int number = Integer.parseInt(port);
      if (number > 65535) {
        return null;
      }
      return userInfo + host + (number == defaultPort ? "" : ":" + number);
    }

    /** Dot segments resolved, then each segment encoded; an empty path is {@code /}. */
    private static String path(String path) {
      List<String> segments = new ArrayList<>();
      String[] parts = path.isEmpty() ? new String[] {""} : path.substring(1).split("/", -1);
      for (int i = 0; i < parts.length; i++) {
        String segment = parts[i];
        boolean last = i == parts.length - 1;
        if (isDoubleDot(segment)) {
          if (!segments.isEmpty()) {
            segments.removeLast();
          }
          if (last) {
            segments.add("");
          }
        } else if (isSingleDot(segment)) {
          if (last) {
            segments.add("");
          }
        } else {
          segments.add(segment);
        }
      }
      StringBuilder out = new StringBuilder(path.length() + 8);
      for (String segment : segments) {
        out.append('/');
        encode(out, segment, "\"#<>?`{}");
      }
      return out.isEmpty() ? "/" : out.toString();
    }

    private static boolean isSingleDot(String segment) {
      return segment.equals(".") || segment.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String segment) {
      String lower = segment.toLowerCase(Locale.ROOT);
      return lower.equals("..")
          || lower.equals(".%2e")
          || lower.equals("%2e.")
          || lower.equals("%2e%2e");
    }

    /** Percent-encodes controls, spaces, non-ASCII and {@code extra}; keeps everything else. */
    private static void encode(StringBuilder out, String text, String extra) {
      for (int i = 0; i < text.length(); ) {
        int codePoint = text.codePointAt(i);
        i += Character.charCount(codePoint);
        if (codePoint <= ' ' || codePoint > '~' || extra.indexOf(codePoint) >= 0) {
          percentEncode(out, codePoint);
        } else {
          out.appendCodePoint(codePoint);
        }
      }
    }
  }
}
