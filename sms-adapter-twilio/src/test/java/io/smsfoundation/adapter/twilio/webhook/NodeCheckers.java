package io.smsfoundation.adapter.twilio.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent checkers of {@code test-tools/node} (Twilio's official Node library) with
 * the machine's Node.js, installing them with {@code npm ci} from the committed lock file on first
 * use. Tests that compare against them skip only where no {@code node} is installed.
 */
final class NodeCheckers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 180;

  private NodeCheckers() {}

  /** Whether a Node.js runtime is on the PATH. */
  static boolean nodeAvailable() {
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return node.waitFor(20, TimeUnit.SECONDS) && node.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What Twilio's Node {@code validateRequest} answers for each case, in order. */
  static List<Boolean> twilioValidate(List<?> cases) {
    return run("twilio-validate.js", cases);
  }

  private static synchronized List<Boolean> run(String script, Object input) {
    Path dir = directory();
    install(dir);
    try {
      Process node =
          new ProcessBuilder("node", script)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      node.getOutputStream().write(JSON.writeValueAsBytes(input));
      node.getOutputStream().close();
      byte[] output = node.getInputStream().readAllBytes();
      if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || node.exitValue() != 0) {
        throw new IllegalStateException("node " + script + " failed");
      }
      return List.of(JSON.readValue(output, Boolean[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code npm ci} once per checkout; tried a few times, the registry may hiccup. */
  private static void install(Path dir) {
    if (Files.isDirectory(dir.resolve("node_modules/twilio"))) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Process npm =
            new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (npm.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && npm.exitValue() == 0) {
          return;
        }
        if (attempt == 3) {
          throw new IllegalStateException("npm ci failed in " + dir + ":\n" + log);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code test-tools/node} of the checkout the tests run in. */
  private static Path directory() {
    Optional<Path> found = Optional.empty();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("test-tools/node/package.json"))) {
        found = Optional.of(dir.resolve("test-tools/node"));
        break;
      }
    }
    return found.orElseThrow(() -> new IllegalStateException("test-tools/node not found"));
  }
}
