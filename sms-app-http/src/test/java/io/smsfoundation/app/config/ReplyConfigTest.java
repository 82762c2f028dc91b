package io.smsfoundation.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.reply.AutoReplyRule;
import io.smsfoundation.domain.reply.AutoReplyRule.TenantCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyConfigTest {

  @TempDir Path dir;

  private static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    while (!Files.exists(here.resolve("docs/examples"))) {
      here = here.getParent();
    }
    return here.resolve("docs/examples");
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static ReplyConfig read(Map<String, String> env) {
    return AppConfig.fromEnvironment(env).replies();
  }

  @Test
  void without_configuration_compliance_answers_are_on_and_nothing_else_answers() {
    ReplyConfig replies = read(Map.of());

    assertThat(replies).isEqualTo(ReplyConfig.defaults());
    assertThat(replies.repliesPerHour()).isEqualTo(5);
    assertThat(replies.inboundRatePerSenderPerMinute()).isEqualTo(20);
  }

  @Test
  void the_example_files_read_into_rules_and_texts() {
    ReplyConfig replies =
        read(
            Map.of(
                ReplyConfig.SMS_AUTO_REPLIES,
                examples().resolve("auto-replies.yaml").toString(),
                ReplyConfig.SMS_REPLY_TEMPLATES,
                examples().resolve("reply-templates.yaml").toString(),
                ReplyConfig.SMS_COMPANY_NAME,
                "Acme Properties",
                ReplyConfig.SMS_COMPANY_CONTACT,
                "(201) 555-0100"));

    List<AutoReplyRule> rules = replies.autoReplies();
    assertThat(rules)
        .extracting(AutoReplyRule::id)
        .containsExactly("unknown-sender", "after-hours");
    assertThat(rules.get(0).tenant()).isEqualTo(TenantCondition.UNKNOWN);
    assertThat(rules.get(0).cooldown()).isEqualTo(Duration.ofHours(24));
    assertThat(rules.get(0).text(Language.EN)).startsWith("This is the Acme Properties line.");
    AutoReplyRule afterHours = rules.get(1);
    assertThat(afterHours.hours().from()).isEqualTo(LocalTime.of(18, 0));
    assertThat(afterHours.hours().zone().getId()).isEqualTo("America/New_York");
    assertThat(afterHours.days()).hasSize(7).contains(DayOfWeek.SUNDAY);
    assertThat(afterHours.workflowTypes()).containsExactly("maintenance");
    assertThat(afterHours.cooldown()).isEqualTo(Duration.ofHours(12));
    assertThat(replies.templates().get(OptIntent.HELP)).containsOnlyKeys(Language.EN, Language.ES);
    assertThat(replies.templates().get(OptIntent.OPT_OUT)).containsOnlyKeys(Language.EN);
    assertThat(replies.templates()).doesNotContainKey(OptIntent.OPT_IN);
  }

  @Test
  void a_value_starting_with_a_brace_is_the_json_itself() {
    ReplyConfig replies =
        read(
            Map.of(
                ReplyConfig.SMS_REPLY_TEMPLATES,
                "{\"start\": {\"pt\": \"{company}: bem-vindo de volta.\"}}"));

    assertThat(replies.templates().get(OptIntent.OPT_IN))
        .containsExactly(Map.entry(Language.PT, "{company}: bem-vindo de volta."));
  }

  @Test
  void json_files_are_read_too() throws IOException {
    Path rules =
        file(
            "rules.json",
            "{\"rules\":[{\"id\":\"everyone\",\"text\":{\"es\":\"Hola, te leemos pronto.\"}}]}");

    AutoReplyRule rule =
        read(Map.of(ReplyConfig.SMS_AUTO_REPLIES, rules.toString())).autoReplies().getFirst();

    assertThat(rule.tenant()).isEqualTo(TenantCondition.ANY);
    assertThat(rule.hours()).isNull();
    assertThat(rule.text(Language.PT)).isEqualTo("Hola, te leemos pronto.");
  }

  @Test
  void every_problem_names_the_variable_the_rule_and_the_field() throws IOException {
    Path rules =
        file(
            "rules.yaml",
            """
            rules:
              - id: night
                tenant: sometimes
                hours: {from: 6pm, to: "08:00", time_zone: Mars/Olympus}
                cooldown: forever
                text: {en: "Good night", fr: "Bonne nuit"}
                colour: blue
              - id: night
                text: {}
              - tenant: known
            """);
    Map<String, String> env = new HashMap<>();
    env.put(ReplyConfig.SMS_AUTO_REPLIES, rules.toString());
    env.put(ReplyConfig.SMS_REPLIES_PER_HOUR, "-1");
    env.put(ReplyConfig.SMS_COMPLIANCE_REPLIES, "maybe");

    assertThatThrownBy(() -> read(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "SMS_AUTO_REPLIES rule 'night' (#1) field colour is not a known field"
                            + " (cooldown, days, hours, id, tenant, text, workflow_types)",
                        "SMS_AUTO_REPLIES rule 'night' (#1) field tenant must be known, unknown or"
                            + " any",
                        "SMS_AUTO_REPLIES rule 'night' (#1) field hours.from must be a time such"
                            + " as \"18:00\", got '6pm'",
                        "SMS_AUTO_REPLIES rule 'night' (#1) field hours.time_zone 'Mars/Olympus'"
                            + " is not a time zone",
                        "SMS_AUTO_REPLIES rule 'night' (#1) field cooldown must be a duration such"
                            + " as 24h, 30m or 7d, at most 365d",
                        "SMS_AUTO_REPLIES rule 'night' (#1) field text.fr is not a language; use"
                            + " en, es or pt",
                        "SMS_AUTO_REPLIES rule 'night' (#2) field id is used by an earlier rule",
                        "SMS_AUTO_REPLIES rule 'night' (#2) field text needs at least one language"
                            + " (en, es, pt)",
                        "SMS_AUTO_REPLIES rule (#3) field id is required: lower-case letters,"
                            + " digits, - and _, at most 64",
                        "SMS_AUTO_REPLIES rule (#3) field text is required: the reply by language"
                            + " (en, es, pt)",
                        "SMS_REPLIES_PER_HOUR must be a whole number from 0 to 1000, got '-1'",
                        "SMS_COMPLIANCE_REPLIES must be on or off, got 'maybe'"));
  }

  @Test
  void a_missing_or_broken_file_is_a_problem_of_its_variable() throws IOException {
    Path broken = file("templates.yaml", "help: [unclosed");

    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        ReplyConfig.SMS_REPLY_TEMPLATES, broken.toString(),
                        ReplyConfig.SMS_AUTO_REPLIES, dir.resolve("absent.yaml").toString())))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("SMS_REPLY_TEMPLATES is not valid YAML at line"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("SMS_AUTO_REPLIES names no readable file")));
  }

  @Test
  void compliance_answers_can_be_turned_off() {
    assertThat(read(Map.of(ReplyConfig.SMS_COMPLIANCE_REPLIES, "off")).complianceReplies())
        .isFalse();
  }
}
