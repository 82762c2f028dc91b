package io.smsfoundation.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureVerifierTest {

  /** Twilio's published example of request validation. */
  private static final String VECTOR_TOKEN = "12345";

  private static final String VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String VECTOR_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  private static final String TOKEN = "f3a1c0ffee5eed0ddba11c0ffee5eed0";
  private static final String OLD_TOKEN = "0ddba11f3a1c0ffee5eed0c0ffee5eed";

  private static Map<String, List<String>> vectorParams() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("Caller", List.of("+14158675309"));
    params.put("Digits", List.of("1234"));
    params.put("From", List.of("+14158675309"));
    params.put("To", List.of("+18005551212"));
    return params;
  }

  private static Map<String, List<String>> inboundSms() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("MessageSid", List.of("SM0123456789abcdef0123456789abcdef"));
    params.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
    params.put("From", List.of("+12015550123"));
    params.put("To", List.of("+15005550006"));
    params.put("Body", List.of("Hola, ¿cuándo pasan a arreglar la ducha? 🚿"));
    return params;
  }

  private static TwilioSignatureVerifier verifier(String publicBaseUrl) {
    return new TwilioSignatureVerifier(URI.create(publicBaseUrl), TOKEN, null);
  }

  @Test
  void the_published_test_vector_signs_to_the_published_signature() {
    Map<String, List<String>> params = vectorParams();

    assertThat(TwilioSignatures.sign(VECTOR_TOKEN, VECTOR_URL, params)).isEqualTo(VECTOR_SIGNATURE);
    assertThat(
            new TwilioSignatureVerifier(URI.create("https://mycompany.com"), VECTOR_TOKEN, null)
                .isValid("/myapp.php", "foo=1&bar=2", params, VECTOR_SIGNATURE))
        .isTrue();
  }

  @Test
  void our_signatures_agree_with_the_sdk_request_validator() {
    String url = "https://sms.example.com/webhook/twilio/sms";
    Map<String, String> single = new LinkedHashMap<>();
    inboundSms().forEach((name, values) -> single.put(name, values.get(0)));

    String signature = TwilioSignatures.sign(TOKEN, url, inboundSms());

    assertThat(new RequestValidator(TOKEN).validate(url, single, signature)).isTrue();
    assertThat(TwilioSignatures.signSingleValued(TOKEN, url, single)).isEqualTo(signature);
  }

  @Test
  void a_tampered_parameter_is_rejected() {
    TwilioSignatureVerifier verifier = verifier("https://sms.example.com");
    String signature =
        TwilioSignatures.sign(TOKEN, "https://sms.example.com/webhook/twilio/sms", inboundSms());
    Map<String, List<String>> tampered = inboundSms();
    tampered.put("Body", List.of("Hola, ¿cuándo pasan a arreglar la ducha? 🚽"));

    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), signature)).isTrue();
    assertThat(verifier.isValid("/webhook/twilio/sms", null, tampered, signature)).isFalse();
  }

  @Test
  void a_parameter_added_by_twilio_is_part_of_the_signature() {
    TwilioSignatureVerifier verifier = verifier("https://sms.example.com");
    Map<String, List<String>> withNewField = inboundSms();
    withNewField.put("SomeFieldTwilioAddsLater", List.of("x"));
    String signature =
        TwilioSignatures.sign(TOKEN, "https://sms.example.com/webhook/twilio/sms", withNewField);

    assertThat(verifier.isValid("/webhook/twilio/sms", null, withNewField, signature)).isTrue();
    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), signature)).isFalse();
  }

  @Test
  void a_missing_or_blank_signature_is_rejected() {
    TwilioSignatureVerifier verifier = verifier("https://sms.example.com");

    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), null)).isFalse();
    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), "")).isFalse();
    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), "  ")).isFalse();
  }

  @Test
  void a_signature_made_with_another_token_is_rejected() {
    String signature =
        TwilioSignatures.sign(
            "not-our-token", "https://sms.example.com/webhook/twilio/sms", inboundSms());

    assertThat(
            verifier("https://sms.example.com")
                .isValid("/webhook/twilio/sms", null, inboundSms(), signature))
        .isFalse();
  }

  @Test
  void a_url_signed_with_the_default_port_is_accepted_without_it_and_the_other_way_round() {
    String withPort =
        TwilioSignatures.sign(
            TOKEN, "https://sms.example.com:443/webhook/twilio/sms", inboundSms());
    String withoutPort =
        TwilioSignatures.sign(TOKEN, "https://sms.example.com/webhook/twilio/sms", inboundSms());

    assertThat(
            verifier("https://sms.example.com")
                .isValid("/webhook/twilio/sms", null, inboundSms(), withPort))
        .isTrue();
    assertThat(
            verifier("https://sms.example.com:443")
                .isValid("/webhook/twilio/sms", null, inboundSms(), withoutPort))
        .isTrue();
    assertThat(
            verifier("http://sms.example.com")
                .isValid(
                    "/webhook/twilio/sms",
                    null,
                    inboundSms(),
                    TwilioSignatures.sign(
                        TOKEN, "http://sms.example.com:80/webhook/twilio/sms", inboundSms())))
        .isTrue();
  }

  @Test
  void a_port_other_than_the_default_is_never_dropped() {
    String withOtherPort =
        TwilioSignatures.sign(
            TOKEN, "https://sms.example.com:8443/webhook/twilio/sms", inboundSms());

    assertThat(
            verifier("https://sms.example.com")
                .isValid("/webhook/twilio/sms", null, inboundSms(), withOtherPort))
        .isFalse();
    assertThat(
            verifier("https://sms.example.com:8443")
                .isValid("/webhook/twilio/sms", null, inboundSms(), withOtherPort))
        .isTrue();
  }

  @Test
  void a_query_string_that_needs_encoding_is_checked_exactly_as_twilio_called_it() {
    // Encoded '&', '=', '+', space, a non-ASCII letter and a slash: decoding any of them would
    // change the signed text.
    String rawQuery = "message_id=3f1c&note=a%26b%3Dc%2Bd%20e&city=S%C3%A3o%2FPaulo";
    String signedUrl = "https://sms.example.com/webhook/twilio/status?" + rawQuery;
    String signature = TwilioSignatures.sign(TOKEN, signedUrl, inboundSms());
    String signedWithPort =
        TwilioSignatures.sign(
            TOKEN, "https://sms.example.com:443/webhook/twilio/status?" + rawQuery, inboundSms());
    TwilioSignatureVerifier verifier = verifier("https://sms.example.com");

    assertThat(verifier.isValid("/webhook/twilio/status", rawQuery, inboundSms(), signature))
        .isTrue();
    assertThat(verifier.isValid("/webhook/twilio/status", rawQuery, inboundSms(), signedWithPort))
        .isTrue();
    assertThat(
            verifier.isValid(
                "/webhook/twilio/status",
                "message_id=3f1c&note=a&b=c+d e&city=São/Paulo",
                inboundSms(),
                signature))
        .isFalse();
  }

  @Test
  void the_public_url_is_checked_not_the_one_this_process_sees_behind_a_proxy() {
    // Twilio called the public URL; the proxy forwarded the request to http://10.0.0.7:8080.
    String signature =
        TwilioSignatures.sign(
            TOKEN, "https://sms.example.com/prefix/webhook/twilio/sms", inboundSms());
    String signedForLocalUrl =
        TwilioSignatures.sign(TOKEN, "http://10.0.0.7:8080/webhook/twilio/sms", inboundSms());
    TwilioSignatureVerifier verifier = verifier("https://sms.example.com/prefix/");

    assertThat(verifier.publicUrl("/webhook/twilio/sms", null))
        .isEqualTo("https://sms.example.com/prefix/webhook/twilio/sms");
    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), signature)).isTrue();
    assertThat(verifier.isValid("/webhook/twilio/sms", null, inboundSms(), signedForLocalUrl))
        .isFalse();
  }

  @Test
  void the_secondary_token_is_accepted_during_a_rotation() {
    String url = "https://sms.example.com/webhook/twilio/sms";
    TwilioSignatureVerifier rotating =
        new TwilioSignatureVerifier(URI.create("https://sms.example.com"), TOKEN, OLD_TOKEN);

    assertThat(
            rotating.isValid(
                "/webhook/twilio/sms",
                null,
                inboundSms(),
                TwilioSignatures.sign(OLD_TOKEN, url, inboundSms())))
        .isTrue();
    assertThat(
            rotating.isValid(
                "/webhook/twilio/sms",
                null,
                inboundSms(),
                TwilioSignatures.sign(TOKEN, url, inboundSms())))
        .isTrue();
    assertThat(
            verifier("https://sms.example.com")
                .isValid(
                    "/webhook/twilio/sms",
                    null,
                    inboundSms(),
                    TwilioSignatures.sign(OLD_TOKEN, url, inboundSms())))
        .isFalse();
  }

  @Test
  void repeated_parameters_count_once_per_distinct_value_in_value_order() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Sid", List.of("CA123"));
    params.put("SidAccount", List.of("AC123"));
    params.put("Digits", List.of("5678", "1234", "1234"));

    // Signed text: URL + "Digits1234Digits5678SidCA123SidAccountAC123".
    assertThat(TwilioSignatures.sign(VECTOR_TOKEN, VECTOR_URL, params))
        .isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void the_port_variants_leave_path_and_query_untouched() {
    assertThat(
            TwilioSignatureVerifier.withAndWithoutDefaultPort(
                "https://user@sms.example.com/a%2Fb?q=%20x#f"))
        .containsExactly(
            "https://user@sms.example.com/a%2Fb?q=%20x#f",
            "https://user@sms.example.com:443/a%2Fb?q=%20x#f");
    assertThat(TwilioSignatureVerifier.withAndWithoutDefaultPort("http://[::1]:80/x?y=1"))
        .containsExactly("http://[::1]:80/x?y=1", "http://[::1]/x?y=1");
  }
}
