package io.smsfoundation.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TwilioSettingsTest {

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "secret-auth-token-value";
  private static final URI PUBLIC = URI.create("https://sms.example.com/");

  @Test
  void the_status_callback_carries_our_message_id_under_the_public_base_url() {
    UUID id = UUID.fromString("3f1c2d4e-0000-4000-8000-000000000001");

    URI callback =
        TwilioSettings.of(ACCOUNT, TOKEN, "+15005550006", null, null, PUBLIC).statusCallbackFor(id);

    assertThat(callback)
        .hasToString(
            "https://sms.example.com/webhook/twilio/status?message_id="
                + "3f1c2d4e-0000-4000-8000-000000000001");
  }

  @Test
  void a_sender_number_or_a_messaging_service_is_required() {
    assertThatThrownBy(() -> TwilioSettings.of(ACCOUNT, TOKEN, " ", null, null, PUBLIC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sender");
    assertThat(
            TwilioSettings.of(
                    ACCOUNT, TOKEN, null, "MG0123456789abcdef0123456789abcdef", null, PUBLIC)
                .messagingServiceSid())
        .startsWith("MG");
  }

  @Test
  void malformed_values_are_refused_when_the_settings_are_built() {
    assertThatThrownBy(() -> TwilioSettings.of("AC123", TOKEN, "+15005550006", null, null, PUBLIC))
        .hasMessageContaining("account SID");
    assertThatThrownBy(() -> TwilioSettings.of(ACCOUNT, TOKEN, "5550006", null, null, PUBLIC))
        .hasMessageContaining("E.164");
    assertThatThrownBy(() -> TwilioSettings.of(ACCOUNT, TOKEN, null, "MG1", null, PUBLIC))
        .hasMessageContaining("messaging service");
    assertThatThrownBy(
            () ->
                TwilioSettings.of(
                    ACCOUNT, TOKEN, "+15005550006", null, URI.create("ftp://x"), PUBLIC))
        .hasMessageContaining("API base URL");
    assertThatThrownBy(
            () ->
                TwilioSettings.of(
                    ACCOUNT, TOKEN, "+15005550006", null, null, URI.create("/relative")))
        .hasMessageContaining("public base URL");
    assertThatThrownBy(
            () ->
                new TwilioSettings.Retry(
                    0, Duration.ofMillis(1), Duration.ofMillis(2), 0, Duration.ofSeconds(1)))
        .hasMessageContaining("attempt");
  }

  @Test
  void the_auth_token_and_full_sender_number_never_appear_in_the_text_form() {
    TwilioSettings settings = TwilioSettings.of(ACCOUNT, TOKEN, "+12015550123", null, null, PUBLIC);

    assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("+12015550123");
  }
}
