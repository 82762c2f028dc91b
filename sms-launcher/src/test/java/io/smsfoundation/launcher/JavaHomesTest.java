package io.smsfoundation.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHomesTest {

  @TempDir Path machine;

  /** A folder that looks like an installation: bin/java and a release file. */
  private File installation(String folder, String version) throws IOException {
    Path home = machine.resolve(folder);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("bin/java"), "");
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    return home.toFile();
  }

  private File folder(String name) throws IOException {
    return Files.createDirectories(machine.resolve(name)).toFile();
  }

  @Test
  void the_oldest_installation_of_the_required_version_or_newer_is_chosen() throws IOException {
    installation("jvm/java-17-openjdk", "17.0.15");
    installation("jvm/temurin-25", "25.0.3");
    File java21 = installation("jvm/zulu-21", "21.0.7");

    assertThat(JavaHomes.in(null, folder("jvm")).find(21)).isEqualTo(java21);
  }

  @Test
  void java_home_of_the_required_version_or_newer_wins() throws IOException {
    installation("jvm/zulu-21", "21.0.7");
    File java25 = installation("elsewhere/jdk-25", "25");

    assertThat(JavaHomes.in(java25, folder("jvm")).find(21)).isEqualTo(java25);
  }

  @Test
  void an_older_java_home_is_passed_over() throws IOException {
    File java17 = installation("elsewhere/jdk-17", "17.0.15");
    File java21 = installation("jvm/zulu-21", "21.0.7");

    assertThat(JavaHomes.in(java17, folder("jvm")).find(21)).isEqualTo(java21);
  }

  @Test
  void a_folder_without_a_java_command_is_no_installation() throws IOException {
    File broken = installation("jvm/temurin-25", "25.0.3");
    Files.delete(broken.toPath().resolve("bin/java"));

    assertThat(JavaHomes.in(null, folder("jvm")).find(21)).isNull();
  }

  @Test
  void without_a_new_enough_installation_nothing_is_found() throws IOException {
    installation("jvm/java-17-openjdk", "17.0.15");
    installation("jvm/java-8", "1.8.0_452");

    assertThat(JavaHomes.in(null, folder("jvm"), machine.resolve("missing").toFile()).find(21))
        .isNull();
  }

  @Test
  void version_strings_of_every_vintage_give_their_feature_version() {
    assertThat(JavaHomes.featureOf("1.8.0_452")).isEqualTo(8);
    assertThat(JavaHomes.featureOf("1.8")).isEqualTo(8);
    assertThat(JavaHomes.featureOf("17.0.15")).isEqualTo(17);
    assertThat(JavaHomes.featureOf("21")).isEqualTo(21);
    assertThat(JavaHomes.featureOf("26-ea")).isEqualTo(26);
    assertThat(JavaHomes.featureOf("")).isZero();
    assertThat(JavaHomes.featureOf((String) null)).isZero();
  }

  @Test
  void the_usual_places_include_java_n_home_and_the_linux_folders() throws IOException {
    File named = installation("named/jdk-21", "21.0.7");
    JavaHomes homes =
        JavaHomes.usual(Map.of("JAVA21_HOME", named.getPath()), machine.toString(), "Linux");

    assertThat(homes.searched()).contains("/usr/lib/jvm", "/opt", ".sdkman");
    assertThat(homes.find(21)).isNotNull();
  }
}
