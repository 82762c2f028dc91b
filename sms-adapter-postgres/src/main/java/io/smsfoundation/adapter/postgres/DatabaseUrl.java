package io.smsfoundation.adapter.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A PostgreSQL connection string taken apart into what a JDBC pool needs: the JDBC URL (host, port,
 * database and the non-credential parameters), the user, the password and the parameters.
 *
 * <p>Accepts the libpq form that hosting providers hand out ({@code
 * postgres://user:pass@host:5432/db?sslmode=require}, also {@code postgresql://}, user and password
 * percent-encoded) and the JDBC form ({@code jdbc:postgresql://host:5432/db?user=u&password=p}).
 * Error messages and {@link #toString()} never contain the password. Immutable.
 */
public final class DatabaseUrl {

  private static final String JDBC_PREFIX = "jdbc:";

  private final String host;
  private final String database;
  private final String user;
  private final String password;
  private final Map<String, String> parameters;

  private DatabaseUrl(
      String host, String database, String user, String password, Map<String, String> parameters) {
    this.host = host;
    this.database = database;
    this.user = user;
    this.password = password;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Parses either form.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing the password)
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the database URL is empty");
    }
    String text = url.strip();
    if (text.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
      text = text.substring(JDBC_PREFIX.length());
    }
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
      throw new IllegalArgumentException(
          "the database URL must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    String rest = text.substring(schemeEnd + 3);

    int queryStart = rest.indexOf('?');
    String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    if (query.indexOf('#') >= 0) {
      query = query.substring(0, query.indexOf('#'));
    }

    // The last '@' ends the credentials: a password may contain an unencoded '@', a host never.
    int at = beforeQuery.lastIndexOf('@');
    String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
    String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);

    int slash = hostAndPath.indexOf('/');
    String host = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String database = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1), "database name");
    validateHost(host);

    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
    }

    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals), "parameter name");
      boolean secret = key.equalsIgnoreCase("password");
      String value =
          equals < 0
              ? ""
              : decode(pair.substring(equals + 1), secret ? "password" : "parameter " + key);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("the database URL has a parameter without a name");
      }
      if (key.equals("user")) {
        user = user == null || user.isEmpty() ? value : user;
      } else if (key.equals("password")) {
        password = password == null || password.isEmpty() ? value : password;
      } else {
        parameters.put(key, value);
      }
    }
    if (user != null && user.isEmpty()) {
      user = null;
    }
    return new DatabaseUrl(host, database, user, password, parameters);
  }

  private static void validateHost(String hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("the database URL has no host");
    }
    // pgjdbc accepts several hosts for failover: host1:5432,host2:5432
    for (String host : hosts.split(",", -1)) {
      String name = host;
      String port = null;
      if (host.startsWith("[")) {
        int close = host.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("the database URL has an unclosed IPv6 address");
        }
        name = host.substring(0, close + 1);
        if (close + 1 < host.length()) {
          if (host.charAt(close + 1) != ':') {
            throw new IllegalArgumentException("the database URL has an invalid host");
          }
          port = host.substring(close + 2);
        }
      } else if (host.indexOf(':') >= 0) {
        name = host.substring(0, host.indexOf(':'));
        port = host.substring(host.indexOf(':') + 1);
      }
      if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '\\')) {
        throw new IllegalArgumentException("the database URL has an empty or invalid host name");
      }
      if (port != null) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException(
              "the database URL has an invalid port '" + sanitize(port) + "'");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
          throw new IllegalArgumentException("the database URL has a port out of range: " + number);
        }
      }
    }
  }

  /** Percent-decoding that, unlike form decoding, leaves {@code +} alone. */
  private static String decode(String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException(
              "the database URL has an invalid percent-encoding in the " + what);
        }
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String sanitize(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "..." : text;
  }

  /**
   * {@code jdbc:postgresql://host:port/database?param=value...}: every parameter but the user and
   * the password, which a pool takes separately.
   */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append('/');
    url.append(encode(database));
    if (!parameters.isEmpty()) {
      url.append('?')
          .append(
              parameters.entrySet().stream()
                  .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                  .collect(Collectors.joining("&")));
    }
    return url.toString();
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == ',') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The host list as written, for example {@code db.example.com:5432}. */
  public String host() {
    return host;
  }

  /** The database name; empty when the URL names none (PostgreSQL then uses the user name). */
  public String database() {
    return database;
  }

  /** The user, or {@code null} when the URL names none. */
  public String user() {
    return user;
  }

  /** The password, or {@code null} when the URL has none. */
  public String password() {
    return password;
  }

  /** The connection parameters other than user and password, in the order written. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** This URL with one more parameter (replacing a parameter of the same name). */
  public DatabaseUrl withParameter(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new LinkedHashMap<>(parameters);
    copy.put(name, value);
    return new DatabaseUrl(host, database, user, password, copy);
  }

  /** The JDBC URL and the user; the password is replaced by {@code ***}. */
  @Override
  public String toString() {
    return jdbcUrl()
        + " (user "
        + (user == null ? "-" : user)
        + ", password "
        + (password == null ? "-" : "***")
        + ")";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseUrl that
        && host.equals(that.host)
        && database.equals(that.database)
        && Objects.equals(user, that.user)
        && Objects.equals(password, that.password)
        && parameters.equals(that.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, database, user, password, parameters);
  }
}
