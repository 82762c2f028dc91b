package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smsfoundation.adapter.postgres.DatabaseUrl;
import io.smsfoundation.app.config.AppConfig;
import io.smsfoundation.app.config.ReplyConfig;
import io.smsfoundation.app.config.VoiceConfig;
import io.smsfoundation.launcher.Launcher;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files that deploy the service agree with the service: the Dockerfile runs the jar the build
 * makes, on the port and with the data directory the configuration uses, checks the readiness
 * route, as a non-root user; docker-compose and {@code .env.example} name only variables the
 * service reads, with values it accepts; the README and the operations guide document every
 * variable. (No Docker engine runs the images here; {@code HealthcheckCommandTest} runs the health
 * check command itself.)
 */
class DeploymentFilesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static String read(String relative) throws IOException {
    return Files.readString(ProjectFiles.file(relative));
  }

  /** Every environment variable the configuration reads: the constants named as they read. */
  private static Set<String> variables() {
    Set<String> names = new TreeSet<>();
    List<Field> fields = new ArrayList<>(List.of(AppConfig.class.getFields()));
    fields.addAll(List.of(ReplyConfig.class.getFields()));
    fields.addAll(List.of(VoiceConfig.class.getFields()));
    for (Field field : fields) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          if (field.getName().equals(field.get(null))) {
            names.add(field.getName());
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  /** The arguments of every {@code keyword} instruction, continuation lines joined. */
  private static List<String> instructions(String dockerfile, String keyword) {
    List<String> found = new ArrayList<>();
    Matcher m =
        Pattern.compile("^" + keyword + "\\s+(.*)$", Pattern.MULTILINE)
            .matcher(dockerfile.replace("\\\n", " "));
    while (m.find()) {
      found.add(m.group(1).strip());
    }
    return found;
  }

  @Test
  void the_configuration_has_the_variables_of_the_design() {
    assertThat(variables())
        .contains(
            "DATABASE_URL",
            "DB_POOL_SIZE",
            "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN",
            "PUBLIC_BASE_URL",
            "SMS_API_KEYS",
            "LOG_FORMAT",
            "SMS_MODE",
            "METRICS_TOKEN",
            "SMS_DATA_DIR");
  }

  @Test
  void dockerfile_builds_with_the_wrapper_and_runs_the_jar_as_a_non_root_user() throws IOException {
    String dockerfile = read("Dockerfile");
    String pom = read("sms-app-http/pom.xml");
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertThat(finalName.find()).isTrue();
    String jar = "sms-app-http/target/" + finalName.group(1) + ".jar";

    List<String> from = instructions(dockerfile, "FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0)).startsWith("eclipse-temurin:21-jdk").endsWith("AS build");
    assertThat(from.get(1)).startsWith("eclipse-temurin:21-jre");
    assertThat(instructions(dockerfile, "RUN"))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("./mvnw")
                    .contains("package")
                    .contains("-Dembedded-postgres=none"));
    assertThat(instructions(dockerfile, "COPY"))
        .anySatisfy(
            copy ->
                assertThat(copy).startsWith("--from=build /src/" + jar + " /app/sms-app-http.jar"));
    assertThat(instructions(dockerfile, "ENTRYPOINT"))
        .containsExactly("[\"java\", \"-jar\", \"/app/sms-app-http.jar\"]");
    assertThat(instructions(dockerfile, "USER"))
        .singleElement()
        .satisfies(user -> assertThat(user).doesNotStartWith("root").doesNotStartWith("0"));
  }

  @Test
  void the_runnable_jar_starts_the_launcher_and_the_launcher_starts_main() throws IOException {
    assertThat(read("sms-app-http/pom.xml"))
        .contains("<mainClass>" + Launcher.class.getName() + "</mainClass>");
    assertThat(Launcher.SERVICE_MAIN).isEqualTo(Main.class.getName());
  }

  @Test
  void dockerfile_port_data_volume_and_health_check_are_the_services() throws IOException {
    String dockerfile = read("Dockerfile");
    String env = String.join(" ", instructions(dockerfile, "ENV"));

    assertThat(instructions(dockerfile, "EXPOSE"))
        .containsExactly(Integer.toString(AppConfig.DEFAULT_PORT));
    assertThat(env).contains("PORT=" + AppConfig.DEFAULT_PORT).contains("SMS_DATA_DIR=/data");
    assertThat(instructions(dockerfile, "VOLUME")).containsExactly("/data");
    assertThat(instructions(dockerfile, "HEALTHCHECK"))
        .singleElement()
        .satisfies(
            check ->
                assertThat(check)
                    .contains("\"-jar\", \"/app/sms-app-http.jar\", \"healthcheck\"]"));
    assertThat(HealthcheckCommand.READY_PATH).isEqualTo("/health/ready");
  }

  @Test
  void compose_runs_postgres_16_and_the_service_with_variables_it_reads() throws IOException {
    JsonNode compose = YAML.readTree(read("docker-compose.yml"));
    JsonNode postgres = compose.at("/services/postgres");
    JsonNode sms = compose.at("/services/sms");

    assertThat(postgres.get("image").asText()).startsWith("postgres:16");
    assertThat(sms.at("/build").asText()).isEqualTo(".");
    assertThat(sms.get("ports"))
        .extracting(JsonNode::asText)
        .contains(AppConfig.DEFAULT_PORT + ":" + AppConfig.DEFAULT_PORT);
    Map<String, String> environment = new HashMap<>();
    sms.get("environment")
        .properties()
        .forEach(e -> environment.put(e.getKey(), withDefaults(e.getValue().asText())));
    assertThat(variables()).containsAll(environment.keySet());
    assertThat(environment).containsEntry("SMS_DATA_DIR", "/data");

    DatabaseUrl url = DatabaseUrl.parse(environment.get("DATABASE_URL"));
    assertThat(url.user()).isEqualTo(postgres.at("/environment/POSTGRES_USER").asText());
    assertThat(url.password()).isEqualTo(postgres.at("/environment/POSTGRES_PASSWORD").asText());
    assertThat(url.jdbcUrl())
        .contains("//postgres:5432/" + postgres.at("/environment/POSTGRES_DB").asText());
    AppConfig config = AppConfig.fromEnvironment(environment);
    assertThat(config.isLocal()).isTrue();
    assertThat(config.port()).isEqualTo(AppConfig.DEFAULT_PORT);
  }

  /** {@code ${NAME:-default}} as compose resolves it when NAME is not set. */
  private static String withDefaults(String value) {
    return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
  }

  @Test
  void env_example_names_every_variable_with_values_the_service_accepts() throws IOException {
    Map<String, String> active = new HashMap<>();
    Map<String, String> all = new HashMap<>();
    Pattern assignment = Pattern.compile("^(# )?([A-Z][A-Z0-9_]*)=(.*)$");
    for (String line : read(".env.example").split("\n")) {
      Matcher m = assignment.matcher(line);
      if (m.matches()) {
        all.put(m.group(2), m.group(3));
        if (m.group(1) == null) {
          active.put(m.group(2), m.group(3));
        }
      }
    }

    assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(variables());
    // the example files are named relative to the project, where the service is started
    for (String file : List.of(ReplyConfig.SMS_AUTO_REPLIES, ReplyConfig.SMS_REPLY_TEMPLATES)) {
      all.computeIfPresent(file, (name, path) -> ProjectFiles.file(path).toString());
      active.computeIfPresent(file, (name, path) -> ProjectFiles.file(path).toString());
    }
    assertThatCode(() -> AppConfig.fromEnvironment(active)).doesNotThrowAnyException();
    assertThatCode(() -> AppConfig.fromEnvironment(all)).doesNotThrowAnyException();
    Map<String, String> production = new HashMap<>(all);
    production.put("SMS_MODE", "production");
    assertThatCode(() -> AppConfig.fromEnvironment(production)).doesNotThrowAnyException();
  }

  @Test
  void readme_and_operations_guide_document_every_variable() throws IOException {
    String readme = read("README.md");
    String operations = read("docs/operations.md");

    assertThat(variables())
        .allSatisfy(
            name -> {
              assertThat(readme).contains("`" + name + "`");
              assertThat(operations).contains("`" + name + "`");
            });
  }

  @Test
  void readme_starts_with_the_two_commands() throws IOException {
    String readme = read("README.md");
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
    while (m.find() && blocks.size() < 2) {
      blocks.add(m.group(1));
    }

    assertThat(blocks)
        .containsExactly(
            "./mvnw -B -q -DskipTests package && java -jar sms-app-http/target/sms-app-http.jar",
            "./mvnw -B verify");
  }
}
