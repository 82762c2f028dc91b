package io.smsfoundation.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files at the top of the project (docs, Dockerfile...), found from the test's working directory.
 */
final class ProjectFiles {

  private ProjectFiles() {}

  /** The directory holding the parent POM and the Maven wrapper. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("sms-app-http"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("not inside the project: " + Path.of("").toAbsolutePath());
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }
}
