package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.LabelledTexts.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LanguageDetectorDevSetTest {

  private static final String DEV_FILE = "shared/lang/dev.tsv";

  private final LanguageDetector detector = new LanguageDetector();

  @Test
  void dev_set_accuracy_meets_the_floors() throws IOException {
    Report report =
        LabelledTexts.evaluate(
            detector, LabelledTexts.parse(Files.readAllLines(devFile(), StandardCharsets.UTF_8)));
    report.print("dev", true);

    assertThat(report.accuracy())
        .as("overall accuracy on the dev set")
        .isGreaterThanOrEqualTo(0.99);
    assertThat(report.bucketAccuracy(0))
        .as("accuracy on dev texts of 1-3 words")
        .isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void heldout_set_accuracy_stays_high() throws IOException {
    Report report = LabelledTexts.evaluate(detector, LabelledTexts.resource("/lang/heldout.tsv"));
    report.print("heldout", true);

    assertThat(report.accuracy())
        .as("overall accuracy on the held-out set")
        .isGreaterThanOrEqualTo(0.95);
    assertThat(report.bucketAccuracy(0))
        .as("accuracy on held-out texts of 1-3 words")
        .isGreaterThanOrEqualTo(0.92);
  }

  /** Walks up from the working directory so the test runs from the module or the repo root. */
  private static Path devFile() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DEV_FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "no " + DEV_FILE + " found in " + start + " or any of its parent directories");
  }
}
