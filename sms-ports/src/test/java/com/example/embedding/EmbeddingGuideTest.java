package com.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedding guide cannot rot: its example is this package's source, shown in {@code
 * docs/embedding.md} word for word, and it runs here (outside the project's packages, so it can use
 * nothing but the public API).
 */
class EmbeddingGuideTest {

  private static final Path SOURCES = Path.of("src/test/java/com/example/embedding");
  private static final Path GUIDE = Path.of("../docs/embedding.md");

  /** The lines between {@code // <name>:begin} and {@code // <name>:end} of a source file. */
  private static String excerpt(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf("// " + name + ":begin");
    int end = lines.indexOf("// " + name + ":end");
    assertThat(begin).as(source + " marks its excerpt").isNotNegative().isLessThan(end);
    return String.join("\n", lines.subList(begin + 1, end));
  }

  @Test
  void the_guide_shows_the_example_and_the_contract_test_as_they_are() throws IOException {
    String guide = Files.readString(GUIDE);

    assertThat(guide).contains(excerpt(SOURCES.resolve("EmbeddingExample.java"), "example"));
    assertThat(guide)
        .contains(excerpt(SOURCES.resolve("PrintingGatewayContractTest.java"), "contract"));
  }

  @Test
  void the_example_receives_sends_and_reads_the_conversation_back() {
    List<String> out = new ArrayList<>();

    EmbeddingExample.run(out::add);

    assertThat(out.get(0)).startsWith("received: Accepted[").contains("language=ES");
    assertThat(out)
        .anySatisfy(line -> assertThat(line).isEqualTo("gateway: 25 characters to +12015550123"));
    assertThat(out)
        .filteredOn(line -> line.startsWith("sent: "))
        .singleElement()
        .satisfies(
            line -> assertThat(line).startsWith("sent: Accepted[").contains("status=queued"));
    assertThat(out).contains("conversation +12015550123 language es");
    assertThat(out.subList(out.size() - 2, out.size()))
        .containsExactly(
            "  outbound queued Mañana a las 10, gracias.",
            "  inbound received Hola, ¿cuándo vienen a reparar la llave del baño?");
  }
}
