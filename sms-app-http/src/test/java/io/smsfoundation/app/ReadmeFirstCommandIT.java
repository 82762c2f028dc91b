package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a newcomer runs it: in a fresh clone of this repository, with
 * whatever {@code java} the PATH gives (the machine's default, which may be older than 21) and no
 * {@code JAVA_HOME}, it builds the jar and starts the service, which answers {@code /health/ready};
 * SIGTERM to the {@code java -jar} process then stops it. The clone is of the committed HEAD
 * (uncommitted changes are not in it) and builds offline ({@code MAVEN_ARGS=-o}) from the local
 * Maven repository that the enclosing build has filled. Run by failsafe, after the package phase.
 */
class ReadmeFirstCommandIT {

  /** Building the whole reactor in the clone and a first start of the embedded PostgreSQL. */
  private static final Duration READY_WITHIN = Duration.ofMinutes(5);

  /** The service's grace period is 10 s; PostgreSQL stops after it. */
  private static final Duration STOPPED_WITHIN = Duration.ofSeconds(45);

  /** Variables of the service and its tests that a developer's shell may have set. */
  private static final List<String> SERVICE_VARIABLE_PREFIXES =
      List.of("SMS_", "TWILIO_", "MONITOR_", "DATABASE_URL", "PUBLIC_BASE_URL", "DB_POOL_SIZE");

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path temp;

  @Test
  void the_first_command_builds_and_starts_a_ready_service_with_the_default_java()
      throws Exception {
    Path root = ProjectFiles.root();
    assumeTrue(Files.exists(root.resolve(".git")), "not a git checkout: nothing to clone");
    String command = firstShellBlock(Files.readString(root.resolve("README.md")));
    assertThat(command).startsWith("./mvnw ").contains("java -jar ");
    Path clone = temp.resolve("clone");
    run(List.of("git", "clone", "--quiet", root.toString(), clone.toString()), temp);
    int port = freePort();
    Path log = temp.resolve("readme-command.log");
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", command)
            .directory(clone.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("JAVA_HOME");
    env.keySet().removeIf(name -> SERVICE_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith));
    env.put("PORT", Integer.toString(port));
    env.put("SMS_DATA_DIR", temp.resolve("data").toString());
    env.put("LOG_FORMAT", "text");
    env.put("MAVEN_ARGS", "-o");
    System.out.println("README's first command, default java: " + defaultJava(env));

    long started = System.nanoTime();
    Process shell = builder.start();
    List<ProcessHandle> service = List.of();
    try {
      boolean ready = awaitReady(shell, port);
      System.out.printf(
          "ready: %s after %d s%n",
          ready, Duration.ofNanos(System.nanoTime() - started).toSeconds());
      assertThat(ready).as(tail(log)).isTrue();
      assertThat(Files.readString(log))
          .contains("SMS Foundation is running in local mode on http://localhost:" + port);

      ProcessHandle jar = jarProcess(shell).orElseThrow();
      // the launcher and, when the default java is older than 21, the service it started
      service = Stream.concat(Stream.of(jar), jar.descendants()).toList();
      jar.destroy();

      assertThat(shell.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS))
          .as("stopped on SIGTERM\n" + tail(log))
          .isTrue();
      for (ProcessHandle process : service) {
        process.onExit().get(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS);
      }
      assertThat(Files.readString(log)).contains("sms foundation stopped");
    } finally {
      service.forEach(ProcessHandle::destroyForcibly);
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
    }
  }

  /** The first {@code sh} block of the README: the command that builds and starts the service. */
  private static String firstShellBlock(String readme) {
    Matcher block = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("a ```sh block in README.md").isTrue();
    return block.group(1).strip();
  }

  /** Polls {@code /health/ready} until it answers 200, the command exits, or time is up. */
  private boolean awaitReady(Process shell, int port) throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline && shell.isAlive()) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (ConnectException | HttpTimeoutException notYet) {
        // the build is still running or the service is starting
      } catch (IOException e) {
        // a connection reset while Jetty starts: the same
      }
      Thread.sleep(500);
    }
    return false;
  }

  /** The {@code java -jar} process the command started (the shell itself when it exec'd it). */
  private static Optional<ProcessHandle> jarProcess(Process shell) {
    return Stream.concat(Stream.of(shell.toHandle()), shell.descendants())
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(args -> Arrays.asList(args).contains("-jar"))
                    .orElse(false))
        .findFirst();
  }

  private static String defaultJava(Map<String, String> env) throws Exception {
    ProcessBuilder version =
        new ProcessBuilder("sh", "-c", "command -v java && java -version")
            .redirectErrorStream(true);
    version.environment().clear();
    version.environment().putAll(env);
    Process process = version.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return printed.strip().replace("\n", " | ");
  }

  private static void run(List<String> command, Path directory) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + printed).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
