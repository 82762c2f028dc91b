package io.smsfoundation.adapter.twilio;

import com.twilio.Twilio;
import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The SDK's transport, over the JDK's HTTP client. It differs from the SDK's own in three ways: it
 * sends {@code https://api.twilio.com} requests to another base URL when one is configured (the
 * emulator); it has explicit connect and read timeouts; and it makes exactly one attempt for every
 * request but a GET, because the SDK's default re-sends any request answered with a 5xx, which for
 * a message-creating POST can send an SMS twice. Thread-safe.
 */
final class SdkHttpClient extends com.twilio.http.HttpClient implements AutoCloseable {

  private static final String TWILIO_API_HOST = "api.twilio.com";
  private static final String USER_AGENT =
      "sms-foundation twilio-java/" + Twilio.VERSION + " java/" + Runtime.version().feature();

  private final HttpClient http;
  private final String apiBaseUrl;
  private final Duration requestTimeout;

  /**
   * @param apiBaseUrl where {@code https://api.twilio.com} requests go instead, or {@code null}
   * @param readTimeout how long to wait for the answer; the JDK client's per-request timeout also
   *     covers connecting, so it is given {@code connectTimeout + readTimeout}
   */
  SdkHttpClient(URI apiBaseUrl, Duration connectTimeout, Duration readTimeout) {
    String base = apiBaseUrl == null ? null : apiBaseUrl.toString();
    this.apiBaseUrl =
        base != null && base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = connectTimeout.plus(readTimeout);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Response reliableRequest(Request request) {
    return reliableRequest(request, RETRY_CODES, RETRIES, DELAY_MILLIS);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    if (request.getMethod() == HttpMethod.GET) {
      return super.reliableRequest(request, retryCodes, retries, delayMillis);
    }
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    URI target = target(request.constructURL());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(requestTimeout)
            .header("User-Agent", USER_AGENT)
            .header("X-Twilio-Client", "java-" + Twilio.VERSION)
            .header("Accept", "application/json");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
      builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
    } else if (request.getContentType() == EnumConstants.ContentType.JSON) {
      builder
          .header("Content-Type", "application/json")
          .method(method.toString(), HttpRequest.BodyPublishers.ofString(request.getBody()));
    } else {
      builder
          .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
          .method(
              method.toString(),
              HttpRequest.BodyPublishers.ofString(
                  request.encodeFormBody(), StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(
          errorBodyTheSdkCanRead(response.statusCode(), response.body()),
          response.statusCode(),
          headers(response.headers()));
    } catch (HttpConnectTimeoutException e) {
      throw new TransportFailure("connecting to Twilio timed out", false, e);
    } catch (HttpTimeoutException e) {
      throw new TransportFailure("Twilio did not answer in time", true, e);
    } catch (ConnectException | SSLHandshakeException e) {
      // Refused, unreachable, unresolvable or a failed TLS handshake: not a byte of the request
      // was sent.
      throw new TransportFailure("could not connect to Twilio", false, e);
    } catch (UnresolvedAddressException e) {
      throw new TransportFailure("could not resolve Twilio's address", false, e);
    } catch (IOException e) {
      throw new TransportFailure("the exchange with Twilio failed", true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportFailure("interrupted while waiting for Twilio", true, e);
    }
  }

  @Override
  public void close() {
    http.close();
  }

  private URI target(URL url) {
    try {
      URI uri = url.toURI();
      if (apiBaseUrl == null || !TWILIO_API_HOST.equalsIgnoreCase(uri.getHost())) {
        return uri;
      }
      String query = uri.getRawQuery();
      return new URI(apiBaseUrl + uri.getRawPath() + (query == null ? "" : "?" + query));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the SDK built an invalid URL", e);
    }
  }

  /**
   * The SDK reads every error body as Twilio's JSON error and, when that fails, loses the HTTP
   * status. A proxy or load balancer in front of Twilio may answer with HTML or nothing, so such
   * bodies are replaced with a Twilio-shaped error that keeps the status.
   */
  private static String errorBodyTheSdkCanRead(int status, String body) {
    if (status < 400 || (body != null && body.strip().startsWith("{"))) {
      return body;
    }
    return "{\"status\":" + status + ",\"message\":\"HTTP " + status + " without a Twilio error\"}";
  }

  private static Header[] headers(HttpHeaders headers) {
    List<Header> result = new ArrayList<>();
    headers
        .map()
        .forEach((name, values) -> values.forEach(v -> result.add(new BasicHeader(name, v))));
    return result.toArray(new Header[0]);
  }
}
