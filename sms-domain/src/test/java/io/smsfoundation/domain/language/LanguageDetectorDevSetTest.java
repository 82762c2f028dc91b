package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageDetectorDevSetTest {

  private static final String DEV_FILE = "shared/lang/dev.tsv";
  private static final String HELDOUT_RESOURCE = "/lang/heldout.tsv";

  private final LanguageDetector detector = new LanguageDetector();

  @Test
  void dev_set_accuracy_meets_the_floors() throws IOException {
    Report report = evaluate(parse(Files.readAllLines(devFile(), StandardCharsets.UTF_8)));
    report.print("dev");

    assertThat(report.accuracy())
        .as("overall accuracy on the dev set")
        .isGreaterThanOrEqualTo(0.92);
    assertThat(report.bucketAccuracy(0))
        .as("accuracy on dev texts of 1-3 words")
        .isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void heldout_set_accuracy_stays_high() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream(HELDOUT_RESOURCE)) {
      assertThat(in).as("test resource " + HELDOUT_RESOURCE).isNotNull();
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    Report report = evaluate(parse(lines));
    report.print("heldout");

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

  private record Sample(Language expected, String text) {

    int words() {
      return text.strip().split("\\s+").length;
    }
  }

  private static List<Sample> parse(List<String> lines) {
    assertThat(lines).as("labelled file").isNotEmpty();
    assertThat(lines.get(0)).as("header").isEqualTo("lang\ttext");
    List<Sample> samples = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      assertThat(parts).as("line '%s'", line).hasSize(2);
      Language expected = Language.fromCode(parts[0]);
      assertThat(expected.code()).as("label of '%s'", line).isEqualTo(parts[0]);
      samples.add(new Sample(expected, parts[1]));
    }
    return samples;
  }

  private Report evaluate(List<Sample> samples) {
    Report report = new Report();
    for (Sample sample : samples) {
      report.add(sample, detector.detect(sample.text()).language());
    }
    return report;
  }

  /** Accuracy overall and by length bucket (1-3, 4-10, 11+ words), plus a confusion matrix. */
  private static final class Report {

    private static final String[] BUCKETS = {"1-3", "4-10", "11+"};

    private final int[] total = new int[BUCKETS.length];
    private final int[] correct = new int[BUCKETS.length];
    private final Map<Language, Map<Language, Integer>> confusion = new EnumMap<>(Language.class);
    private final List<String> misses = new ArrayList<>();

    void add(Sample sample, Language got) {
      int words = sample.words();
      int bucket = words <= 3 ? 0 : words <= 10 ? 1 : 2;
      total[bucket]++;
      if (got == sample.expected()) {
        correct[bucket]++;
      } else {
        misses.add(sample.expected().code() + " -> " + got.code() + ": " + sample.text());
      }
      confusion
          .computeIfAbsent(sample.expected(), k -> new EnumMap<>(Language.class))
          .merge(got, 1, Integer::sum);
    }

    double accuracy() {
      int all = 0;
      int right = 0;
      for (int i = 0; i < total.length; i++) {
        all += total[i];
        right += correct[i];
      }
      return all == 0 ? 0 : (double) right / all;
    }

    double bucketAccuracy(int bucket) {
      return total[bucket] == 0 ? 1 : (double) correct[bucket] / total[bucket];
    }

    void print(String name) {
      StringBuilder out = new StringBuilder();
      out.append(String.format("%s: accuracy %.4f%n", name, accuracy()));
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(
            String.format(
                "  %-5s words: %.4f (%d/%d)%n",
                BUCKETS[i], bucketAccuracy(i), correct[i], total[i]));
      }
      out.append("  confusion (rows expected, columns detected):\n");
      out.append(String.format("  %-8s", ""));
      for (Language column : Language.values()) {
        out.append(String.format("%8s", column.code()));
      }
      out.append('\n');
      for (Language row : Language.values()) {
        out.append(String.format("  %-8s", row.code()));
        Map<Language, Integer> counts = confusion.getOrDefault(row, Map.of());
        for (Language column : Language.values()) {
          out.append(String.format("%8d", counts.getOrDefault(column, 0)));
        }
        out.append('\n');
      }
      misses.forEach(miss -> out.append("  miss ").append(miss).append('\n'));
      System.out.print(out);
    }
  }
}
