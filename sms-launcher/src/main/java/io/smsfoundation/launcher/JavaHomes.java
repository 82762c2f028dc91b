package io.smsfoundation.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java installations a machine has where people usually put them: {@code JAVA_HOME}, {@code
 * JAVA<n>_HOME}, SDKMAN, IntelliJ's {@code ~/.jdks}, asdf, mise, {@code /usr/lib/jvm}, {@code
 * /opt}, macOS's and Homebrew's folders, Windows' {@code Program Files} (the same places, bar
 * Windows, as {@code ./mvnw} searches in {@code .mvn/select-jdk.sh}). An installation's version
 * comes from its {@code release} file: finding one starts no process. Immutable.
 */
final class JavaHomes {

  private static final Pattern RELEASE_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?([0-9][^\"\\s]*)", Pattern.MULTILINE);
  private static final Pattern FEATURE = Pattern.compile("^(?:1\\.)?([0-9]+)");

  /** Folders whose sub-folders (plus a suffix, for macOS bundles) may be installations. */
  private static final class Place {
    final File folder;
    final String prefix;
    final String suffix;

    Place(File folder, String prefix, String suffix) {
      this.folder = folder;
      this.prefix = prefix;
      this.suffix = suffix;
    }
  }

  private final File javaHome;
  private final List<File> namedHomes;
  private final List<Place> places;
  private final boolean windows;

  private JavaHomes(File javaHome, List<File> namedHomes, List<Place> places, boolean windows) {
    this.javaHome = javaHome;
    this.namedHomes = namedHomes;
    this.places = places;
    this.windows = windows;
  }

  /**
   * The usual places of this machine.
   *
   * @param env the environment, for {@code JAVA_HOME} and {@code JAVA<n>_HOME}
   * @param userHome the {@code user.home} system property
   * @param osName the {@code os.name} system property
   */
  static JavaHomes usual(Map<String, String> env, String userHome, String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    boolean windows = os.startsWith("windows");
    File home = new File(userHome);
    List<Place> places = new ArrayList<Place>();
    for (String tool :
        Arrays.asList(
            ".sdkman/candidates/java",
            ".jdks",
            ".m2/jdks",
            ".gradle/jdks",
            ".asdf/installs/java",
            ".local/share/mise/installs/java",
            ".jbang/cache/jdks")) {
      places.add(new Place(new File(home, tool), "", ""));
    }
    if (windows) {
      for (String vendor :
          Arrays.asList("Java", "Eclipse Adoptium", "Microsoft", "Zulu", "Amazon Corretto")) {
        places.add(new Place(new File("C:\\Program Files\\" + vendor), "", ""));
      }
    } else {
      for (String folder :
          Arrays.asList(
              "/usr/lib/jvm", "/usr/java", "/usr/jdk", "/usr/local/java", "/opt/java", "/opt")) {
        places.add(new Place(new File(folder), "", ""));
      }
      places.add(new Place(new File("/Library/Java/JavaVirtualMachines"), "", "Contents/Home"));
      places.add(
          new Place(new File(home, "Library/Java/JavaVirtualMachines"), "", "Contents/Home"));
      for (String brew : Arrays.asList("/opt/homebrew/opt", "/usr/local/opt")) {
        places.add(new Place(new File(brew), "openjdk", "libexec/openjdk.jdk/Contents/Home"));
      }
    }
    return new JavaHomes(javaHomeOf(env), namedHomes(env), places, windows);
  }

  /** Only {@code JAVA_HOME} and the children of {@code folders}: for tests. */
  static JavaHomes in(File javaHome, File... folders) {
    List<Place> places = new ArrayList<Place>();
    for (File folder : folders) {
      places.add(new Place(folder, "", ""));
    }
    return new JavaHomes(javaHome, Collections.<File>emptyList(), places, false);
  }

  /**
   * {@code JAVA_HOME} when it is Java {@code feature} or newer, else the oldest installation that
   * is (the closest to the version the service is built for), else {@code null}.
   */
  File find(int feature) {
    if (javaHome != null && featureOf(javaHome) >= feature && hasJava(javaHome)) {
      return javaHome;
    }
    File best = null;
    int bestFeature = Integer.MAX_VALUE;
    for (File candidate : candidates()) {
      int found = featureOf(candidate);
      if (found >= feature && found < bestFeature && hasJava(candidate)) {
        best = candidate;
        bestFeature = found;
      }
    }
    return best;
  }

  /** The {@code java} command of the installation at {@code home}. */
  File javaCommand(File home) {
    return new File(new File(home, "bin"), windows ? "java.exe" : "java");
  }

  /** Where {@link #find} looked, for a person. */
  String searched() {
    StringBuilder text = new StringBuilder("JAVA_HOME, JAVA<n>_HOME");
    for (Place place : places) {
      text.append(", ").append(place.folder.getPath());
    }
    return text.toString();
  }

  /** The feature version (8, 17, 21...) in the installation's release file, 0 when unknown. */
  static int featureOf(File home) {
    File release = new File(home, "release");
    if (!release.isFile()) {
      return 0;
    }
    try {
      String text = new String(Files.readAllBytes(release.toPath()), StandardCharsets.UTF_8);
      Matcher version = RELEASE_VERSION.matcher(text);
      return version.find() ? featureOf(version.group(1)) : 0;
    } catch (IOException unreadable) {
      return 0;
    }
  }

  /** The feature version of a version string: {@code 1.8.0_292} is 8, {@code 25-ea} is 25. */
  static int featureOf(String version) {
    Matcher feature = FEATURE.matcher(version == null ? "" : version.trim());
    if (!feature.find()) {
      return 0;
    }
    try {
      return Integer.parseInt(feature.group(1));
    } catch (NumberFormatException tooLong) {
      return 0;
    }
  }

  private boolean hasJava(File home) {
    return javaCommand(home).isFile();
  }

  private List<File> candidates() {
    List<File> all = new ArrayList<File>(namedHomes);
    for (Place place : places) {
      File[] children = place.folder.listFiles();
      if (children == null) {
        continue;
      }
      Arrays.sort(children);
      for (File child : children) {
        if (child.getName().startsWith(place.prefix)) {
          all.add(place.suffix.isEmpty() ? child : new File(child, place.suffix));
        }
      }
    }
    return all;
  }

  private static File javaHomeOf(Map<String, String> env) {
    String value = env.get("JAVA_HOME");
    return value == null || value.trim().isEmpty() ? null : new File(value.trim());
  }

  /** {@code JAVA21_HOME}, {@code JAVA25_HOME}..., in name order. */
  private static List<File> namedHomes(Map<String, String> env) {
    List<File> homes = new ArrayList<File>();
    for (Map.Entry<String, String> e : new TreeMap<String, String>(env).entrySet()) {
      if (e.getKey().matches("JAVA[0-9]+_HOME") && !e.getValue().trim().isEmpty()) {
        homes.add(new File(e.getValue().trim()));
      }
    }
    return homes;
  }
}
