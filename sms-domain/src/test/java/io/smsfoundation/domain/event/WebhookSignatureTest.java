package io.smsfoundation.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /** The Standard Webhooks specification's published example. */
  private static final WebhookSecret SPEC_SECRET =
      WebhookSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void the_specifications_example_signs_to_its_published_signature() {
    assertThat(
            WebhookSignature.sign(
                SPEC_SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void any_change_to_id_timestamp_or_body_changes_the_signature() {
    String base = WebhookSignature.sign(SPEC_SECRET, "msg_1", 1614265330, SPEC_BODY);

    assertThat(WebhookSignature.sign(SPEC_SECRET, "msg_2", 1614265330, SPEC_BODY))
        .isNotEqualTo(base);
    assertThat(WebhookSignature.sign(SPEC_SECRET, "msg_1", 1614265331, SPEC_BODY))
        .isNotEqualTo(base);
    assertThat(
            WebhookSignature.sign(
                SPEC_SECRET, "msg_1", 1614265330, "{}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(base);
  }

  @Test
  void two_secrets_give_two_signatures_separated_by_a_space() {
    WebhookSecret other = WebhookSecret.fromKey(new byte[32]);

    String header = WebhookSignature.header(List.of(SPEC_SECRET, other), "msg_1", 1, SPEC_BODY);

    assertThat(header.split(" "))
        .containsExactly(
            WebhookSignature.sign(SPEC_SECRET, "msg_1", 1, SPEC_BODY),
            WebhookSignature.sign(other, "msg_1", 1, SPEC_BODY));
  }

  @Test
  void a_secret_is_whsec_and_base64_and_never_printed() {
    WebhookSecret secret = WebhookSecret.fromKey(new byte[32]);

    assertThat(secret.text()).startsWith("whsec_");
    assertThat(WebhookSecret.of(secret.text())).isEqualTo(secret);
    assertThat(secret.toString()).doesNotContain(secret.text().substring(6));
    assertThatThrownBy(() -> WebhookSecret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.of("whsec_c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
