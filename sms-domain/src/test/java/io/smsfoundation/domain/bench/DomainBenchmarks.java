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
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the domain's JMH benchmarks: one fork, three warm-up and five measured iterations of one
 * second each. The first argument, when given, is a regular expression selecting benchmarks (for
 * example {@code Phone}).
 */
public final class DomainBenchmarks {

  private DomainBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    exposeClassPathToForks();
    String include = args.length > 0 ? args[0] : DomainBenchmarks.class.getPackageName() + ".*";
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true);
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
