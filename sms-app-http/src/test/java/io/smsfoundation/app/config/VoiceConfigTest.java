package io.smsfoundation.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.call.CallRoute;
import io.smsfoundation.domain.call.CallRouting.CallerId;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.phone.PhoneNumbers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceConfigTest {

  @Test
  void without_voice_variables_there_is_no_dialer_and_twilios_defaults() {
    VoiceConfig voice = AppConfig.fromEnvironment(Map.of()).voice();

    assertThat(voice.dialers()).isEmpty();
    assertThat(voice.callerId()).isEqualTo(CallerId.OWN_NUMBER);
    assertThat(voice.dialTimeoutSeconds()).isEqualTo(20);
    assertThat(
            voice
                .routing("+15005550006")
                .route(
                    false,
                    PhoneNumbers.forUnitedStates().classify("+12015550123"),
                    "+15005550006",
                    Language.ES)
                .route())
        .isEqualTo(new CallRoute.Announcement(Language.ES));
  }

  @Test
  void dialers_routes_caller_id_and_timeout_are_read() {
    VoiceConfig voice =
        AppConfig.fromEnvironment(
                Map.of(
                    VoiceConfig.VOICE_DIALERS, " dialfire=+15551230000 , zendesk_talk=+15551239999",
                    VoiceConfig.VOICE_ROUTE_KNOWN, "zendesk_talk",
                    VoiceConfig.VOICE_CALLER_ID, "Caller",
                    VoiceConfig.VOICE_DIAL_TIMEOUT, "45"))
            .voice();

    assertThat(voice.dialers())
        .extracting(d -> d.name())
        .containsExactly("dialfire", "zendesk_talk");
    assertThat(voice.routeKnown()).isEqualTo("zendesk_talk");
    assertThat(voice.routeUnknown()).isNull();
    assertThat(voice.callerId()).isEqualTo(CallerId.CALLER);
    assertThat(voice.dialTimeoutSeconds()).isEqualTo(45);
  }

  @Test
  void bad_voice_values_are_reported_by_variable_name() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        VoiceConfig.VOICE_DIALERS, "dialfire=5551230000",
                        VoiceConfig.VOICE_ROUTE_UNKNOWN, "nobody",
                        VoiceConfig.VOICE_CALLER_ID, "mine",
                        VoiceConfig.VOICE_DIAL_TIMEOUT, "2")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("VOICE_DIALERS "))
                    .anySatisfy(p -> assertThat(p).startsWith("VOICE_ROUTE_UNKNOWN "))
                    .anySatisfy(p -> assertThat(p).startsWith("VOICE_CALLER_ID "))
                    .anySatisfy(p -> assertThat(p).startsWith("VOICE_DIAL_TIMEOUT ")));
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(VoiceConfig.VOICE_DIALERS, "a=+15551230000,a=+15551230001")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice");
  }
}
