package io.smsfoundation.app;

import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.ConfigException;
import io.smsfoundation.app.config.LocalCredentials;
import io.smsfoundation.app.simulate.SimulateCommand;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The command line: no argument (or {@code serve}) starts the service; {@code simulate ...} posts
 * signed fake Twilio webhooks to a running one; {@code healthcheck} asks a running one whether it
 * is ready. Only parses arguments and hands over.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "serve" : args[0];
    switch (command) {
      case "serve" -> serve(System.getenv());
      case "simulate" ->
          System.exit(
              new SimulateCommand(System.getenv(), System.out, System.err)
                  .run(Arrays.copyOfRange(args, 1, args.length)));
      case "healthcheck" ->
          System.exit(
              new HealthcheckCommand(System.getenv(), System.out)
                  .run(Arrays.copyOfRange(args, 1, args.length)));
      case "help", "--help", "-h" -> usage(System.out);
      default -> {
        System.err.println("unknown command: " + command);
        usage(System.err);
        System.exit(2);
      }
    }
  }

  private static void serve(Map<String, String> env) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(env);
    } catch (ConfigException invalid) {
      System.err.println("SMS Foundation cannot start, the configuration is invalid:");
      invalid.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(2);
      return;
    }
    Logging.configure(config.logFormat());
    SmsApplication application = new SmsApplication(config);
    try {
      application.start();
    } catch (RuntimeException failure) {
      org.slf4j.LoggerFactory.getLogger(Main.class).error("start failed", failure);
      System.err.println("SMS Foundation could not start: " + failure.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "sms-shutdown"));
    printWelcome(application, System.out);
  }

  /** Where the service is and, in local mode, how to try it right away. */
  private static void printWelcome(SmsApplication application, PrintStream out) {
    AppConfig config = application.config();
    long startedMillis =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(start -> Duration.between(start, Instant.now()).toMillis())
            .orElse(-1L);
    String base = "http://localhost:" + application.port();
    out.println();
    out.printf(
        "SMS Foundation is running in %s mode on %s (started in %d ms)%n",
        config.isLocal() ? "local" : "production", base, startedMillis);
    if (application.localCredentials().isEmpty()) {
      return;
    }
    LocalCredentials credentials = application.localCredentials().get();
    boolean generatedKey = config.apiKeys().isEmpty();
    String apiKey = generatedKey ? credentials.apiKey() : "<one of SMS_API_KEYS>";
    out.printf("  data directory : %s%n", config.dataDir());
    out.printf(
        "  database       : %s%n",
        config.databaseUrl() == null
            ? "embedded PostgreSQL in the data directory"
            : "DATABASE_URL");
    out.printf(
        "  Twilio         : %s%n",
        config.twilio().apiBaseUrl() == null
            ? "in-process emulator (sends are delivered, status callbacks follow)"
            : config.twilio().apiBaseUrl());
    if (generatedKey) {
      out.printf("  API key        : %s%n", apiKey);
    }
    if (config.twilio().authToken() == null) {
      out.printf("  auth token     : %s (signs webhooks)%n", credentials.authToken());
    }
    out.printf(
        "  (generated values are kept in %s)%n",
        config.dataDir().resolve(LocalCredentials.FILE_NAME));
    out.println();
    out.println("Try it:");
    out.printf(
        "  java -jar sms-app-http/target/sms-app-http.jar simulate inbound --from \"+12015550123\""
            + " --body \"Hola, gracias\" --url %s%n",
        base);
    out.printf(
        "  curl -H \"Authorization: Bearer %s\" %s/conversations/%%2B12015550123%n", apiKey, base);
    out.printf(
        "  curl -H \"Authorization: Bearer %s\" -H \"Content-Type: application/json\""
            + " -d '{\"to\":\"+12015550123\",\"body\":\"Hello!\"}' %s/sms/send%n",
        apiKey, base);
    out.println();
    out.flush();
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        Usage:
          java -jar sms-app-http.jar                 start the service (configuration from the environment)
          java -jar sms-app-http.jar simulate inbound --from <phone> --body <text> [options]
          java -jar sms-app-http.jar simulate status --sid <SM...> --status <status> [options]
          java -jar sms-app-http.jar simulate --help  the simulate options
          java -jar sms-app-http.jar healthcheck [url]  exit 0 when the local service is ready
        """);
  }
}
