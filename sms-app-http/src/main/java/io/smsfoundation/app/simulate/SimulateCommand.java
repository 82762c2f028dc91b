package io.smsfoundation.app.simulate;

import io.smsfoundation.adapter.twilio.emulator.EmulatedCalls;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms.SignedWebhook;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.LocalCredentials;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.RawForm;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code simulate inbound|status|call ...}: posts a webhook to a running service exactly as Twilio
 * would (for a call, the voice webhook and then the end of the dial its answer asked for), signed
 * with the account's auth token, so that the whole flow can be tried without Twilio; with {@code
 * --print-curl} it prints the same signed request as a curl command instead. In local mode the auth
 * token is found in the data directory. Returns a process exit code.
 */
public final class SimulateCommand {

  static final String DEFAULT_TO = AppConfig.LOCAL_PHONE_NUMBER;
  private static final String PRINT_CURL = "print-curl";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param env the environment, for the defaults of {@code --url} ({@code PORT}), {@code
   *     --auth-token} ({@code TWILIO_AUTH_TOKEN}, else the local data directory {@code
   *     SMS_DATA_DIR}) and the signed URL ({@code PUBLIC_BASE_URL})
   */
  public SimulateCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Runs the command; 0 when the service answered 2xx, 1 when it refused, 2 for bad usage. */
  public int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException bad) {
      err.println(bad.getMessage());
      usage(err);
      return 2;
    }
    try {
      return switch (args[0]) {
        case "inbound" -> inbound(options);
        case "status" -> status(options);
        case "call" -> call(options);
        default -> {
          err.println("unknown simulation: " + args[0]);
          usage(err);
          yield 2;
        }
      };
    } catch (IllegalArgumentException bad) {
      err.println(bad.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot reach the service: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int inbound(Map<String, String> options) throws IOException, InterruptedException {
    String from = required(options, "from");
    String sid = options.getOrDefault("sid", newSid("SM"));
    List<Media> media =
        options.containsKey("media-url")
            ? List.of(
                new Media(
                    options.get("media-url"), options.getOrDefault("media-type", "image/jpeg")))
            : List.of();
    RawForm form =
        TwilioWebhookForms.inboundMessage(
            accountSid(),
            sid,
            from,
            options.getOrDefault("to", env.getOrDefault(AppConfig.TWILIO_PHONE_NUMBER, DEFAULT_TO)),
            options.getOrDefault("body", ""),
            media,
            options.get("opt-out-type"));
    if (!options.containsKey(PRINT_CURL)) {
      out.println("message sid: " + sid);
    }
    return post(options, "/webhook/twilio/sms", null, form);
  }

  private int status(Map<String, String> options) throws IOException, InterruptedException {
    RawForm form =
        TwilioWebhookForms.statusCallback(
            accountSid(),
            required(options, "sid"),
            required(options, "status"),
            null,
            null,
            null,
            options.get("error-code"));
    String messageId = options.get("message-id");
    String query =
        messageId == null
            ? null
            : "message_id=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    return post(options, "/webhook/twilio/status", query, form);
  }

  /**
   * A call as Twilio's voice platform makes it: the signed voice webhook, its TwiML printed, then,
   * when the answer dials, the signed end of the dial posted to the answer's {@code action}.
   */
  private int call(Map<String, String> options) throws IOException, InterruptedException {
    String from = required(options, "from");
    String sid = options.getOrDefault("sid", newSid("CA"));
    String to =
        options.getOrDefault("to", env.getOrDefault(AppConfig.TWILIO_PHONE_NUMBER, DEFAULT_TO));
    if (options.containsKey(PRINT_CURL)) {
      // only the voice webhook: the dial's end goes to the action URL its answer names
      return post(
          options,
          "/webhook/twilio/voice",
          null,
          TwilioWebhookForms.incomingCall(accountSid(), sid, from, to));
    }
    String status = options.getOrDefault("status", "completed");
    Integer duration = null;
    if (options.containsKey("duration")) {
      try {
        duration = Integer.valueOf(options.get("duration").strip());
      } catch (NumberFormatException notANumber) {
        throw new IllegalArgumentException("--duration must be a number of seconds");
      }
    }
    String target = stripSlash(options.getOrDefault("url", defaultUrl()));
    EmulatedCalls.Service service =
        new EmulatedCalls.Service(
            target,
            options.getOrDefault(
                "public-url", env.getOrDefault(AppConfig.PUBLIC_BASE_URL, target)));
    EmulatedCalls calls = new EmulatedCalls(client, accountSid(), authToken(options));
    out.println("call sid: " + sid);
    EmulatedCalls.Answer answer = calls.call(service, sid, from, to);
    out.println("HTTP " + answer.status());
    out.println(answer.body());
    if (answer.status() / 100 != 2) {
      return 1;
    }
    if (answer.dialAction().isEmpty()) {
      out.println("no dial in the answer: nothing more to report");
      return 0;
    }
    HttpResponse<String> ended =
        calls.endDial(service, answer.dialAction().get(), sid, from, to, status, duration);
    out.println(
        "dial "
            + status
            + (duration == null ? "" : " after " + duration + " s")
            + ": HTTP "
            + ended.statusCode());
    if (!ended.body().isEmpty()) {
      out.println(ended.body());
    }
    return ended.statusCode() / 100 == 2 ? 0 : 1;
  }

  private int post(Map<String, String> options, String path, String query, RawForm form)
      throws IOException, InterruptedException {
    String target = stripSlash(options.getOrDefault("url", defaultUrl()));
    String signedBase =
        stripSlash(
            options.getOrDefault(
                "public-url", env.getOrDefault(AppConfig.PUBLIC_BASE_URL, target)));
    String suffix = path + (query == null ? "" : "?" + query);
    SignedWebhook webhook = TwilioWebhookForms.sign(authToken(options), signedBase + suffix, form);
    if (options.containsKey(PRINT_CURL)) {
      out.println(curl(target + suffix, webhook.signature(), form));
      return 0;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target + suffix))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(SignedWebhook.SIGNATURE_HEADER, webhook.signature())
            .header("User-Agent", "TwilioProxy/1.1 (sms-foundation simulate)")
            .POST(HttpRequest.BodyPublishers.ofString(webhook.body()))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    out.println("HTTP " + response.statusCode());
    if (!response.body().isEmpty()) {
      out.println(response.body());
    }
    return response.statusCode() / 100 == 2 ? 0 : 1;
  }

  /**
   * The request as a curl command for a POSIX shell: the same URL, signature and form fields (one
   * {@code --data-urlencode} each, so that it reads like Twilio's post). curl may encode a value
   * differently from Java; the signature covers the decoded values, so it holds all the same.
   */
  private static String curl(String url, String signature, RawForm form) {
    StringBuilder command =
        new StringBuilder("curl -s -w '\\nHTTP %{http_code}\\n' ").append(quoted(url));
    command
        .append(" \\\n  -H ")
        .append(quoted("Content-Type: application/x-www-form-urlencoded; charset=utf-8"))
        .append(" \\\n  -H ")
        .append(quoted(SignedWebhook.SIGNATURE_HEADER + ": " + signature));
    form.asMap()
        .forEach(
            (name, values) ->
                values.forEach(
                    value ->
                        command
                            .append(" \\\n  --data-urlencode ")
                            .append(quoted(name + "=" + value))));
    return command.toString();
  }

  /** {@code text} in single quotes, for a POSIX shell. */
  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private String authToken(Map<String, String> options) {
    if (options.containsKey("auth-token")) {
      return options.get("auth-token");
    }
    String configured = env.get(AppConfig.TWILIO_AUTH_TOKEN);
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    return localCredentials()
        .map(LocalCredentials::authToken)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no auth token: pass --auth-token, set TWILIO_AUTH_TOKEN, or run from the"
                        + " directory where the service keeps its data ("
                        + dataDir()
                        + ")"));
  }

  private String accountSid() {
    String configured = env.get(AppConfig.TWILIO_ACCOUNT_SID);
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    return localCredentials().map(LocalCredentials::accountSid).orElse("AC" + "0".repeat(32));
  }

  private Optional<LocalCredentials> localCredentials() {
    return LocalCredentials.load(dataDir());
  }

  private Path dataDir() {
    String configured = env.get(AppConfig.SMS_DATA_DIR);
    return Path.of(
            configured == null || configured.isBlank() ? AppConfig.DEFAULT_DATA_DIR : configured)
        .toAbsolutePath()
        .normalize();
  }

  private String defaultUrl() {
    String port = env.get(AppConfig.PORT);
    return "http://localhost:"
        + (port == null || port.isBlank() ? AppConfig.DEFAULT_PORT : port.strip());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--" + PRINT_CURL)) {
        options.put(PRINT_CURL, "true");
        continue;
      }
      if (!name.startsWith("--") || name.length() < 3) {
        throw new IllegalArgumentException("unexpected argument: " + name);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name);
      }
      options.put(name.substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String newSid(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private static void usage(PrintStream to) {
    to.println(
        """
        Usage:
          simulate inbound --from <phone> [--body <text>] [--to <phone>] [--sid <SM...>]
                           [--media-url <url> [--media-type <type>]] [--opt-out-type STOP|START|HELP]
          simulate status  --sid <SM...> --status <queued|sent|delivered|undelivered|failed|...>
                           [--message-id <uuid>] [--error-code <code>]
          simulate call    --from <phone> [--to <phone>] [--sid <CA...>]
                           [--status completed|busy|no-answer|failed|canceled] [--duration <s>]
                           posts the voice webhook, prints the TwiML, then posts the dial's end
        Common options:
          --url <base>          where the service listens (default http://localhost:$PORT or :8080)
          --public-url <base>   the URL the signature covers (default $PUBLIC_BASE_URL or --url)
          --auth-token <token>  signs the webhook (default $TWILIO_AUTH_TOKEN, else the token that
                                local mode keeps in $SMS_DATA_DIR, default ./.sms-data)
          --print-curl          print the signed request as a curl command instead of sending it
        """);
  }
}
