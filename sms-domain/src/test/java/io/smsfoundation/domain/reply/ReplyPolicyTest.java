package io.smsfoundation.domain.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.optout.Keyword;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.optout.OptOutKeywords;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import io.smsfoundation.domain.reply.AutoReplyRule.TenantCondition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyPolicyTest {

  /** A Tuesday, 14:00 in New York. */
  private static final Instant AFTERNOON = Instant.parse("2026-12-01T19:00:00Z");

  /** The same Tuesday, 22:00 in New York. */
  private static final Instant NIGHT = Instant.parse("2026-12-02T03:00:00Z");

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final OptOutKeywords KEYWORDS = new OptOutKeywords();

  private static final AutoReplyRule UNKNOWN_SENDER =
      new AutoReplyRule(
          "unknown-sender",
          TenantCondition.UNKNOWN,
          null,
          Set.of(),
          Set.of(),
          Map.of(
              Language.EN, "This is the Acme Properties line; please reply with your unit number.",
              Language.ES,
                  "Esta es la línea de Acme Properties; responde con tu número de unidad."),
          Duration.ofHours(24));

  private static final AutoReplyRule AFTER_HOURS =
      new AutoReplyRule(
          "after-hours",
          TenantCondition.KNOWN,
          new AutoReplyRule.Hours(LocalTime.of(18, 0), LocalTime.of(8, 0), NEW_YORK),
          Set.of(),
          Set.of(),
          Map.of(Language.EN, "We'll answer in the morning."),
          Duration.ofHours(12));

  private final ReplyPolicy policy =
      new ReplyPolicy(
          ComplianceTexts.defaults("Acme Properties", "(201) 555-0100"),
          true,
          List.of(UNKNOWN_SENDER, AFTER_HOURS),
          5);

  private static ReplyPolicy.Inbound message(String body, boolean tenantKnown, Instant at) {
    Keyword keyword = KEYWORDS.keyword(body).orElse(null);
    return new ReplyPolicy.Inbound(
        PhoneNumberKind.E164,
        keyword,
        false,
        false,
        tenantKnown,
        null,
        keyword != null && keyword.intent() == OptIntent.OPT_OUT,
        Language.UNKNOWN,
        0,
        rule -> Optional.empty(),
        at);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "HELP, EN, for help",
    "AYUDA, ES, para ayuda",
    "AJUDA, PT, para ajuda",
    "STOP, EN, no more messages",
    "PARAR, ES, no recibirás más mensajes",
    "SAIR, PT, não receberá mais mensagens",
    "START, EN, subscribed again",
    "VOLTAR, PT, voltou a receber"
  })
  void a_keyword_is_answered_in_its_own_language(String body, Language language, String text) {
    Reply reply = policy.decide(message(body, true, AFTERNOON)).orElseThrow();

    assertThat(reply.source()).isEqualTo(Reply.Source.COMPLIANCE);
    assertThat(reply.language()).isEqualTo(language);
    assertThat(reply.text()).startsWith("Acme Properties: ").contains(text);
  }

  @Test
  void a_keyword_several_languages_share_is_answered_in_the_conversations_language() {
    ReplyPolicy.Inbound cancelar = message("cancelar", true, AFTERNOON);
    ReplyPolicy.Inbound spanish =
        new ReplyPolicy.Inbound(
            cancelar.sender(),
            cancelar.keyword(),
            false,
            false,
            true,
            null,
            true,
            Language.ES,
            0,
            rule -> Optional.empty(),
            AFTERNOON);

    assertThat(policy.decide(spanish).orElseThrow().language()).isEqualTo(Language.ES);
    assertThat(policy.decide(cancelar).orElseThrow().language()).isEqualTo(Language.EN);
  }

  @Test
  void a_keyword_the_provider_answered_gets_no_second_answer() {
    ReplyPolicy.Inbound handled =
        new ReplyPolicy.Inbound(
            PhoneNumberKind.E164,
            new Keyword(OptIntent.OPT_OUT, Language.UNKNOWN),
            true,
            false,
            true,
            null,
            true,
            Language.EN,
            0,
            rule -> Optional.empty(),
            AFTERNOON);

    assertThat(policy.decide(handled)).isEmpty();
  }

  @Test
  void machines_and_throttled_senders_get_no_answer() {
    for (PhoneNumberKind kind :
        new PhoneNumberKind[] {PhoneNumberKind.SHORT_CODE, PhoneNumberKind.ALPHANUMERIC}) {
      ReplyPolicy.Inbound help = message("HELP", false, AFTERNOON);
      assertThat(
              policy.decide(
                  new ReplyPolicy.Inbound(
                      kind,
                      help.keyword(),
                      false,
                      false,
                      false,
                      null,
                      false,
                      Language.EN,
                      0,
                      rule -> Optional.empty(),
                      AFTERNOON)))
          .isEmpty();
    }
    ReplyPolicy.Inbound help = message("HELP", false, AFTERNOON);
    assertThat(
            policy.decide(
                new ReplyPolicy.Inbound(
                    PhoneNumberKind.E164,
                    help.keyword(),
                    false,
                    true,
                    false,
                    null,
                    false,
                    Language.EN,
                    0,
                    rule -> Optional.empty(),
                    AFTERNOON)))
        .isEmpty();
  }

  @Test
  void the_hourly_cap_stops_every_answer() {
    ReplyPolicy.Inbound help = message("HELP", true, AFTERNOON);
    ReplyPolicy.Inbound capped =
        new ReplyPolicy.Inbound(
            help.sender(),
            help.keyword(),
            false,
            false,
            true,
            null,
            false,
            Language.EN,
            5,
            rule -> Optional.empty(),
            AFTERNOON);

    assertThat(policy.decide(capped)).isEmpty();
  }

  @Test
  void an_opted_out_conversation_gets_nothing_but_the_stop_confirmation() {
    ReplyPolicy.Inbound ordinary =
        new ReplyPolicy.Inbound(
            PhoneNumberKind.E164,
            null,
            false,
            false,
            false,
            null,
            true,
            Language.EN,
            0,
            rule -> Optional.empty(),
            AFTERNOON);
    ReplyPolicy.Inbound help = message("HELP", false, AFTERNOON);
    ReplyPolicy.Inbound helpWhileOut =
        new ReplyPolicy.Inbound(
            help.sender(),
            help.keyword(),
            false,
            false,
            false,
            null,
            true,
            Language.EN,
            0,
            rule -> Optional.empty(),
            AFTERNOON);

    assertThat(policy.decide(ordinary)).isEmpty();
    assertThat(policy.decide(helpWhileOut)).isEmpty();
    assertThat(policy.decide(message("STOP", false, AFTERNOON))).isPresent();
  }

  @Test
  void the_first_rule_that_applies_answers_once_per_cooldown() {
    Reply first = policy.decide(message("hi, who is this?", false, AFTERNOON)).orElseThrow();
    assertThat(first.rule()).isEqualTo("unknown-sender");

    ReplyPolicy.Inbound again =
        new ReplyPolicy.Inbound(
            PhoneNumberKind.E164,
            null,
            false,
            false,
            false,
            null,
            false,
            Language.UNKNOWN,
            1,
            rule -> Optional.of(AFTERNOON),
            AFTERNOON.plus(Duration.ofHours(3)));
    assertThat(policy.decide(again)).isEmpty();

    ReplyPolicy.Inbound nextDay =
        new ReplyPolicy.Inbound(
            PhoneNumberKind.E164,
            null,
            false,
            false,
            false,
            null,
            false,
            Language.ES,
            0,
            rule -> Optional.of(AFTERNOON),
            AFTERNOON.plus(Duration.ofHours(25)));
    assertThat(policy.decide(nextDay).orElseThrow().text()).startsWith("Esta es la línea");
  }

  @Test
  void an_after_hours_rule_answers_known_tenants_at_night_only() {
    assertThat(policy.decide(message("the heat is off", true, AFTERNOON))).isEmpty();
    assertThat(policy.decide(message("the heat is off", true, NIGHT)).orElseThrow().rule())
        .isEqualTo("after-hours");
  }

  @Test
  void a_rule_limited_to_days_and_workflows_applies_only_there() {
    AutoReplyRule weekdaysCollections =
        new AutoReplyRule(
            "collections",
            TenantCondition.ANY,
            new AutoReplyRule.Hours(LocalTime.of(9, 0), LocalTime.of(17, 0), NEW_YORK),
            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            Set.of("collections"),
            Map.of(Language.EN, "Our collections team works weekends."),
            Duration.ofHours(1));

    assertThat(weekdaysCollections.applies(true, "collections", AFTERNOON)).isFalse();
    assertThat(
            weekdaysCollections.applies(true, "collections", Instant.parse("2026-12-05T15:00:00Z")))
        .isTrue();
    assertThat(
            weekdaysCollections.applies(true, "maintenance", Instant.parse("2026-12-05T15:00:00Z")))
        .isFalse();
  }
}
