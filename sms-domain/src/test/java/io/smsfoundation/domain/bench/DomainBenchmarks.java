package io.smsfoundation.domain.bench;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the domain's JMH benchmarks: by default one fork, three warm-up and five measured iterations
 * of one second each. Arguments are JMH's own command line (a regular expression selecting
 * benchmarks, {@code -wi 10}, {@code -f 2}, ...) and override those defaults.
 */
public final class DomainBenchmarks {

  private DomainBenchmarks() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    exposeClassPathToForks();
    CommandLineOptions given = new CommandLineOptions(args);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(given).shouldFailOnError(true);
    if (given.getIncludes().isEmpty()) {
      options.include(DomainBenchmarks.class.getPackageName() + ".*");
    }
    if (!given.getForkCount().hasValue()) {
      options.forks(1);
    }
    if (!given.getWarmupIterations().hasValue()) {
      options.warmupIterations(3);
    }
    if (!given.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(1));
    }
    if (!given.getMeasurementIterations().hasValue()) {
      options.measurementIterations(5);
    }
    if (!given.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(1));
    }
    new Runner(options.build()).run();
  }

  /**
   * JMH starts each fork with this JVM's {@code java.class.path}; under {@code exec:java} that is
   * Maven's own, so it is replaced by the class path the benchmarks were loaded from.
   */
  private static void exposeClassPathToForks() {
    if (DomainBenchmarks.class.getClassLoader() instanceof URLClassLoader loader) {
      String classPath =
          Arrays.stream(loader.getURLs())
              .map(DomainBenchmarks::toPath)
              .collect(Collectors.joining(System.getProperty("path.separator")));
      if (!classPath.isEmpty()) {
        System.setProperty("java.class.path", classPath);
      }
    }
  }

  private static String toPath(URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException malformed) {
      throw new IllegalStateException("class path entry is not a file: " + url, malformed);
    }
  }
}
