package io.smsfoundation.domain.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled texts ({@code lang<TAB>text}, optionally a third column naming the vocabulary a word was
 * drawn from) and the accuracy report the evaluation tests print and assert on.
 */
final class LabelledTexts {

  private LabelledTexts() {}

  record Sample(Language expected, String text) {

    int words() {
      return text.strip().split("\\s+").length;
    }
  }

  static List<Sample> resource(String name) throws IOException {
    try (InputStream in = LabelledTexts.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource " + name).isNotNull();
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  static List<Sample> parse(List<String> lines) {
    assertThat(lines).as("labelled file").isNotEmpty();
    assertThat(lines.get(0)).as("header").startsWith("lang\ttext");
    List<Sample> samples = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\t", -1);
      assertThat(parts.length).as("columns of '%s'", line).isBetween(2, 3);
      Language expected = Language.fromCode(parts[0]);
      assertThat(expected.code()).as("label of '%s'", line).isEqualTo(parts[0]);
      samples.add(new Sample(expected, parts[1]));
    }
    return samples;
  }

  static Report evaluate(LanguageDetector detector, List<Sample> samples) {
    Report report = new Report();
    for (Sample sample : samples) {
      report.add(sample, detector.detect(sample.text()).language());
    }
    return report;
  }

  /** Accuracy overall, by length bucket (1-3, 4-10, 11+ words) and by label, with confusions. */
  static final class Report {

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

    /** Share of the texts labelled {@code expected} that were detected as such. */
    double accuracyOf(Language expected) {
      Map<Language, Integer> row = confusion.getOrDefault(expected, Map.of());
      int all = row.values().stream().mapToInt(Integer::intValue).sum();
      return all == 0 ? 1 : (double) row.getOrDefault(expected, 0) / all;
    }

    void print(String name, boolean withMisses) {
      StringBuilder out = new StringBuilder();
      out.append(String.format("%s: accuracy %.4f%n", name, accuracy()));
      for (int i = 0; i < BUCKETS.length; i++) {
        if (total[i] > 0) {
          out.append(
              String.format(
                  "  %-5s words: %.4f (%d/%d)%n",
                  BUCKETS[i], bucketAccuracy(i), correct[i], total[i]));
        }
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
      if (withMisses) {
        misses.forEach(miss -> out.append("  miss ").append(miss).append('\n'));
      }
      System.out.print(out);
    }
  }
}
