package io.smsfoundation.app.health;

import io.smsfoundation.app.health.ScheduledProbe.Check;
import io.smsfoundation.app.health.ScheduledProbe.ProbeFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The cheap checks the health probes run: one trivial query on the database, one read of the Twilio
 * account, one request to the Collections Monitor. Failures become short reason words; no URL,
 * credential or server message ever reaches them.
 */
public final class DependencyChecks {

  private DependencyChecks() {}

  /**
   * {@code SELECT 1} on a connection from the pool, with a statement timeout: the database answers
   * queries, not just connections.
   */
  public static Check database(DataSource dataSource, Duration timeout) {
    Objects.requireNonNull(dataSource, "dataSource");
    int seconds = (int) Math.max(1, timeout.toSeconds());
    return () -> {
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(seconds);
        try (ResultSet rows = statement.executeQuery("select 1")) {
          if (!rows.next()) {
            throw new ProbeFailure("no_answer");
          }
        }
      } catch (SQLException e) {
        throw new ProbeFailure(
            e.getSQLState() != null && e.getSQLState().equals("57014") ? "timeout" : "unavailable");
      }
    };
  }

  /**
   * Fetches the Twilio account resource ({@code GET /2010-04-01/Accounts/{sid}.json}): proves that
   * the API answers and that the credentials are accepted, without sending anything. The in-process
   * emulator answers the same request in local mode.
   *
   * @param apiBaseUrl {@code https://api.twilio.com} or an emulator's URL
   */
  public static Check twilioAccount(
      HttpClient http, URI apiBaseUrl, String accountSid, String authToken, Duration timeout) {
    Objects.requireNonNull(http, "http");
    String base = apiBaseUrl.toString().replaceAll("/+$", "");
    URI account = URI.create(base + "/2010-04-01/Accounts/" + accountSid + ".json");
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    return () -> {
      HttpRequest request =
          HttpRequest.newBuilder(account)
              .timeout(timeout)
              .header("Authorization", authorization)
              .header("Accept", "application/json")
              .GET()
              .build();
      int status = send(http, request);
      if (status == 200) {
        return;
      }
      throw new ProbeFailure(
          switch (status) {
            case 401, 403 -> "credentials_rejected";
            case 404 -> "account_not_found";
            case 429 -> "throttled";
            default -> status >= 500 ? "server_error" : "unexpected_status_" + status;
          });
    };
  }

  /**
   * Any HTTP answer from {@code url} (even a 404) shows the service is reachable; no credentials
   * are sent, so nothing is looked up or changed.
   */
  public static Check reachable(HttpClient http, URI url, Duration timeout) {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(url, "url");
    return () -> {
      int status =
          send(
              http,
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .GET()
                  .build());
      if (status >= 500) {
        throw new ProbeFailure("server_error");
      }
    };
  }

  private static int send(HttpClient http, HttpRequest request)
      throws ProbeFailure, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException slow) {
      throw new ProbeFailure("timeout");
    } catch (IOException unreachable) {
      throw new ProbeFailure("unreachable");
    }
  }
}
