package io.smsfoundation.domain.language;

import io.smsfoundation.domain.language.LabelledTexts.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the detector's accuracy on the tuning sets ({@code scripts/lang/tune-*.tsv}), the only
 * sets the vocabulary model's thresholds are chosen on. Not a test: the build keeps floors on the
 * evaluation sets, and a change of threshold is judged here first (docs/language.md).
 *
 * <pre>
 * ./mvnw -B -pl sms-domain test-compile exec:java \
 *   -Dexec.mainClass=io.smsfoundation.domain.language.TuningSetsReport
 * </pre>
 */
public final class TuningSetsReport {

  private static final String[] SETS = {"tune-words.tsv", "tune-word-pairs.tsv"};

  private TuningSetsReport() {}

  public static void main(String[] args) throws IOException {
    LanguageDetector detector = new LanguageDetector();
    Path folder = scriptsFolder();
    for (String name : SETS) {
      Report report =
          LabelledTexts.evaluate(
              detector,
              LabelledTexts.parse(
                  Files.readAllLines(folder.resolve(name), StandardCharsets.UTF_8)));
      report.print(name, args.length > 0 && args[0].equals("--misses"));
    }
  }

  /** Walks up from the working directory, so it runs from the module or the repository root. */
  private static Path scriptsFolder() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/lang");
      if (Files.isRegularFile(candidate.resolve(SETS[0]))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no scripts/lang/" + SETS[0] + " above " + start);
  }
}
