package io.smsfoundation.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  /** Started in a child JVM by the test below: exits with the number it is given. */
  public static final class ExitWith {
    public static void main(String[] args) {
      System.exit(Integer.parseInt(args[0]));
    }
  }

  @Test
  void the_command_runs_in_a_child_java_whose_exit_code_is_returned() throws Exception {
    File java = new File(System.getProperty("java.home"), "bin/java");

    int code =
        Launcher.runOn(
            java,
            System.getProperty("java.class.path"),
            ExitWith.class.getName(),
            new String[] {"7"});

    assertThat(code).isEqualTo(7);
  }

  @Test
  void without_a_new_enough_java_the_first_line_says_so_and_what_to_install(@TempDir Path empty) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Launcher.printMissing(
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        17,
        "/usr/lib/jvm/java-17-openjdk-amd64",
        JavaHomes.in(null, empty.toFile()));

    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0])
        .startsWith("SMS Foundation needs Java 21 or newer and none was found")
        .contains("install a JDK 21 or newer", "openjdk-21-jdk");
    assertThat(lines[1])
        .contains("Java 17", "/usr/lib/jvm/java-17-openjdk-amd64", empty.toString());
  }
}
