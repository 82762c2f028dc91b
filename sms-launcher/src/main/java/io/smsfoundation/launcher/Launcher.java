package io.smsfoundation.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar's {@code Main-Class}, so that {@code java -jar sms-app-http.jar ...} works with
 * whatever {@code java} is first on the PATH. On Java 21 or newer it calls the service's {@code
 * main} in this JVM. On an older one it finds a Java 21+ ({@link JavaHomes}) and runs the same
 * command there as a child process that shares this one's standard streams, environment and working
 * directory, passes SIGTERM and Ctrl-C on to it, and exits with its exit code. JVM options given to
 * the old java are not passed on; {@code JDK_JAVA_OPTIONS} and {@code JAVA_TOOL_OPTIONS} reach the
 * child through the environment. Where there is no Java 21+, the first line printed says so and
 * what to install.
 */
public final class Launcher {

  /** The oldest Java the service runs on. */
  public static final int REQUIRED_FEATURE = 21;

  /** The service's own command line, which this class starts by name. */
  public static final String SERVICE_MAIN = "io.smsfoundation.app.Main";

  /**
   * How long a stopping child may take (the service's grace period is 10 s) before it is killed.
   */
  private static final long STOP_WAIT_SECONDS = 30;

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    int running = JavaHomes.featureOf(System.getProperty("java.specification.version"));
    if (running >= REQUIRED_FEATURE) {
      runHere(SERVICE_MAIN, args);
      return;
    }
    JavaHomes homes =
        JavaHomes.usual(
            System.getenv(), System.getProperty("user.home"), System.getProperty("os.name"));
    File home = homes.find(REQUIRED_FEATURE);
    if (home == null) {
      printMissing(System.err, running, System.getProperty("java.home"), homes);
      System.exit(1);
      return;
    }
    if (args.length == 0 || args[0].equals("serve")) {
      System.err.println(
          "Java "
              + running
              + " is older than "
              + REQUIRED_FEATURE
              + ": running on the Java "
              + JavaHomes.featureOf(home)
              + " in "
              + home);
    }
    System.exit(
        runOn(homes.javaCommand(home), System.getProperty("java.class.path"), SERVICE_MAIN, args));
  }

  /** Says that no Java 21+ was found and what to install, on the first line. */
  static void printMissing(PrintStream out, int running, String runningHome, JavaHomes homes) {
    out.println(
        "SMS Foundation needs Java "
            + REQUIRED_FEATURE
            + " or newer and none was found: install a JDK "
            + REQUIRED_FEATURE
            + " or newer, for example \"sudo apt install openjdk-21-jdk\", \"brew install"
            + " openjdk@21\" or \"sdk install java 21-tem\", then run this again.");
    out.println(
        "(This java is "
            + (running == 0 ? "of an unknown version" : "Java " + running)
            + ", in "
            + runningHome
            + ". Looked in "
            + homes.searched()
            + "; a Java elsewhere can be named with JAVA_HOME.)");
  }

  /** Calls {@code mainClass}'s {@code main} in this JVM. */
  static void runHere(String mainClass, String[] args) throws Exception {
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /**
   * Runs {@code mainClass} with {@code java} as a child process and waits for it; stopping this
   * process (SIGTERM, Ctrl-C) stops the child first.
   *
   * @return the child's exit code
   */
  static int runOn(File java, String classPath, String mainClass, String[] args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<String>();
    command.add(java.getPath());
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    final Process child = new ProcessBuilder(command).inheritIO().start();
    Thread stopChild =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                if (!child.isAlive()) {
                  return;
                }
                child.destroy();
                try {
                  if (!child.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                  }
                } catch (InterruptedException e) {
                  child.destroyForcibly();
                  Thread.currentThread().interrupt();
                }
              }
            },
            "sms-launcher-stop-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      return child.waitFor();
    } finally {
      if (!child.isAlive()) {
        try {
          Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or about to: it finds the child gone
        }
      }
    }
  }
}
