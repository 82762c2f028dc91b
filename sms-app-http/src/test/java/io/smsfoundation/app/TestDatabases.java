package io.smsfoundation.app;

import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.adapter.postgres.PostgresTestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} values for the service under test: a schema of its own on the test
 * PostgreSQL ({@code SMS_TEST_DATABASE_URL}, Testcontainers or an embedded server, whichever {@link
 * PostgresTestDatabase} finds), optionally reached through a {@link TcpProxy}.
 */
final class TestDatabases {

  private TestDatabases() {}

  /** The connection string of {@code schema}, credentials included, as the service reads it. */
  static String urlOf(PostgresTestDatabase.Schema schema) {
    return withCredentials(schema.databaseUrl(), schema.databaseUrl().jdbcUrl());
  }

  /** The same database and schema, reached through {@code proxy} on localhost. */
  static String urlThrough(PostgresTestDatabase.Schema schema, TcpProxy proxy) {
    DatabaseUrl url = schema.databaseUrl();
    String jdbc = url.jdbcUrl();
    String afterHost = jdbc.substring(("jdbc:postgresql://" + url.host()).length());
    return withCredentials(url, "jdbc:postgresql://127.0.0.1:" + proxy.port() + afterHost);
  }

  /** A proxy in front of the test server. */
  static TcpProxy proxyFor(PostgresTestDatabase.Schema schema) {
    String host = schema.databaseUrl().host().split(",")[0];
    int colon = host.lastIndexOf(':');
    String name = colon < 0 ? host : host.substring(0, colon);
    int port = colon < 0 ? 5432 : Integer.parseInt(host.substring(colon + 1));
    return new TcpProxy(name.startsWith("[") ? name.substring(1, name.length() - 1) : name, port);
  }

  private static String withCredentials(DatabaseUrl url, String jdbc) {
    StringBuilder full = new StringBuilder(jdbc).append(jdbc.contains("?") ? '&' : '?');
    full.append("user=").append(encode(url.user() == null ? "postgres" : url.user()));
    if (url.password() != null) {
      full.append("&password=").append(encode(url.password()));
    }
    return full.toString();
  }

  private static String encode(String text) {
    // the URL parser leaves "+" alone, as URLs (not forms) do
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
