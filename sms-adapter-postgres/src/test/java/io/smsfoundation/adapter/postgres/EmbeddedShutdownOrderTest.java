package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that takes over stopping the embedded server finishes its own shutdown work on a
 * live database when the process gets SIGTERM. Runs a child JVM, since only a real signal runs the
 * shutdown hooks.
 */
class EmbeddedShutdownOrderTest {

  @TempDir Path dataDirectory;

  /** The child: starts the server, lets the "application" hook query it after a pause. */
  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server =
        EmbeddedPostgresServer.start(Path.of(args[0]), 0).stopOnlyWhenClosed();
    String url = server.jdbcUrl();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Thread.sleep(1_000); // requests still in flight
                    try (Connection c = DriverManager.getConnection(url, "postgres", "");
                        Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("select 42")) {
                      r.next();
                      Files.writeString(Path.of(args[1]), "query " + r.getInt(1));
                    }
                  } catch (Exception e) {
                    writeQuietly(Path.of(args[1]), "failed " + e.getMessage());
                  } finally {
                    server.close();
                  }
                }));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(120_000);
  }

  private static void writeQuietly(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException ignored) {
      // the parent reports the missing file
    }
  }

  @Test
  void shutdown_work_of_the_application_still_reaches_the_database_on_sigterm() throws Exception {
    Path result = dataDirectory.resolve("result.txt");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    EmbeddedShutdownOrderTest.class.getName(),
                    dataDirectory.resolve("data").toString(),
                    result.toString()))
            .redirectErrorStream(true)
            .start();
    try {
      String line;
      try (var out = child.inputReader(StandardCharsets.UTF_8)) {
        do {
          line = out.readLine();
        } while (line != null && !line.equals("ready"));
        assertThat(line).as("the child started its server").isEqualTo("ready");
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.readString(result)).isEqualTo("query 42");
    } finally {
      child.destroyForcibly();
    }
  }
}
