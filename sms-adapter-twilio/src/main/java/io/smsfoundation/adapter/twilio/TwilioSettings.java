package io.smsfoundation.adapter.twilio;

import io.smsfoundation.domain.phone.PhoneMask;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Everything the Twilio gateway needs to know, validated when built.
 *
 * @param accountSid the account SID ({@code AC} and 32 hex digits)
 * @param authToken the account's auth token
 * @param phoneNumber the sender number in E.164, or {@code null} when a messaging service sends
 * @param messagingServiceSid the messaging service ({@code MG...}); when set it is used instead of
 *     {@code phoneNumber}
 * @param apiBaseUrl where to send API calls instead of {@code https://api.twilio.com} (the
 *     emulator, tests), or {@code null} for Twilio itself
 * @param publicBaseUrl the URL under which Twilio reaches this service; status callbacks go to
 *     {@code <publicBaseUrl>/webhook/twilio/status?message_id=<id>}
 * @param connectTimeout how long to wait for a connection to Twilio
 * @param readTimeout how long to wait for Twilio's answer once connected
 * @param retry how requests that never reached Twilio, or were throttled, are retried within one
 *     send
 */
public record TwilioSettings(
    String accountSid,
    String authToken,
    String phoneNumber,
    String messagingServiceSid,
    URI apiBaseUrl,
    URI publicBaseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Retry retry) {

  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

  public TwilioSettings {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(retry, "retry");
    if (!ACCOUNT_SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException("the account SID must be AC followed by 32 hex digits");
    }
    if (authToken.isBlank()) {
      throw new IllegalArgumentException("the auth token cannot be blank");
    }
    phoneNumber = blankToNull(phoneNumber);
    messagingServiceSid = blankToNull(messagingServiceSid);
    if (phoneNumber == null && messagingServiceSid == null) {
      throw new IllegalArgumentException("a sender phone number or messaging service is needed");
    }
    if (phoneNumber != null && !E164.matcher(phoneNumber).matches()) {
      throw new IllegalArgumentException("the sender phone number must be in E.164 form");
    }
    if (messagingServiceSid != null
        && !MESSAGING_SERVICE_SID.matcher(messagingServiceSid).matches()) {
      throw new IllegalArgumentException(
          "the messaging service SID must be MG followed by 32 hex digits");
    }
    requireHttpUrl(apiBaseUrl, "API base URL", true);
    requireHttpUrl(publicBaseUrl, "public base URL", false);
    if (!isPositive(connectTimeout) || !isPositive(readTimeout)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** Settings with the default timeouts and retry bounds. */
  public static TwilioSettings of(
      String accountSid,
      String authToken,
      String phoneNumber,
      String messagingServiceSid,
      URI apiBaseUrl,
      URI publicBaseUrl) {
    return new TwilioSettings(
        accountSid,
        authToken,
        phoneNumber,
        messagingServiceSid,
        apiBaseUrl,
        publicBaseUrl,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        Retry.DEFAULT);
  }

  /** These settings with other timeouts. */
  public TwilioSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new TwilioSettings(
        accountSid,
        authToken,
        phoneNumber,
        messagingServiceSid,
        apiBaseUrl,
        publicBaseUrl,
        connectTimeout,
        readTimeout,
        retry);
  }

  /** These settings with other retry bounds. */
  public TwilioSettings withRetry(Retry retry) {
    return new TwilioSettings(
        accountSid,
        authToken,
        phoneNumber,
        messagingServiceSid,
        apiBaseUrl,
        publicBaseUrl,
        connectTimeout,
        readTimeout,
        retry);
  }

  /** The status callback URL for one of our messages. */
  public URI statusCallbackFor(UUID messageId) {
    return statusCallbackFor(publicBaseUrl, messageId);
  }

  /** The status callback URL for one of our messages, under {@code publicBaseUrl}. */
  public static URI statusCallbackFor(URI publicBaseUrl, UUID messageId) {
    String base = publicBaseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/webhook/twilio/status?message_id=" + messageId);
  }

  @Override
  public String toString() {
    // Never print the auth token.
    return "TwilioSettings[accountSid="
        + accountSid
        + ", sender="
        + (messagingServiceSid != null ? messagingServiceSid : PhoneMask.mask(phoneNumber))
        + ", apiBaseUrl="
        + apiBaseUrl
        + ", publicBaseUrl="
        + publicBaseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", retry="
        + retry
        + "]";
  }

  /**
   * Bounds for retrying, inside one send, what provably never reached Twilio or was throttled:
   * exponential backoff from {@code firstDelay} to {@code maxDelay} with {@code jitter} (a fraction
   * of each delay), at most {@code maxAttempts} attempts in all and no new attempt after {@code
   * maxDuration}.
   */
  public record Retry(
      int maxAttempts,
      Duration firstDelay,
      Duration maxDelay,
      double jitter,
      Duration maxDuration) {

    /** Three attempts, 200 ms then 400 ms apart (plus or minus a quarter), within 5 s. */
    public static final Retry DEFAULT =
        new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.25, Duration.ofSeconds(5));

    /** One attempt only: everything is left to the caller's own retries. */
    public static final Retry NONE =
        new Retry(1, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ofSeconds(1));

    public Retry {
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(maxDuration, "maxDuration");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("at least one attempt is needed");
      }
      if (!isPositive(firstDelay) || maxDelay.compareTo(firstDelay) <= 0) {
        throw new IllegalArgumentException("delays must be positive, the maximum above the first");
      }
      if (jitter < 0 || jitter >= 1) {
        throw new IllegalArgumentException("jitter must be a fraction in [0, 1)");
      }
      if (maxDuration.compareTo(firstDelay) <= 0) {
        throw new IllegalArgumentException("the maximum duration must exceed the first delay");
      }
    }
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void requireHttpUrl(URI url, String name, boolean optional) {
    if (url == null) {
      if (optional) {
        return;
      }
      throw new IllegalArgumentException("the " + name + " is required");
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("the " + name + " must be an http(s) URL with a host");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("the " + name + " cannot have a query or fragment");
    }
  }
}
