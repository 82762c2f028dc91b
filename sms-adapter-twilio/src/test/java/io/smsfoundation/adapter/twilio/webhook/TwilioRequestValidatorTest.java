package io.smsfoundation.adapter.twilio.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.twilio.security.RequestValidator;
import io.smsfoundation.domain.message.RawForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The verifier accepts exactly what Twilio's own validators accept: every case runs through our
 * verifier, Twilio's Java {@link RequestValidator} and Twilio's Node {@code validateRequest}, and
 * our answer must be "yes" exactly when one of them says yes.
 */
class TwilioRequestValidatorTest {

  /** Twilio's published example of request validation. */
  private static final String VECTOR_TOKEN = "12345";

  private static final String VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String VECTOR_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  private static final String TOKEN = "f3a1c0ffee5eed0ddba11c0ffee5eed0";
  private static final String OLD_TOKEN = "0ddba11f3a1c0ffee5eed0c0ffee5eed";
  private static final String BASE = "https://sms.example.com";
  private static final String SMS = BASE + "/webhook/twilio/sms";
  private static final String STATUS = BASE + "/webhook/twilio/status";

  private static RawForm vectorParams() {
    return RawForm.builder()
        .add("CallSid", "CA1234567890ABCDE")
        .add("Caller", "+14158675309")
        .add("Digits", "1234")
        .add("From", "+14158675309")
        .add("To", "+18005551212")
        .build();
  }

  private static RawForm inbound() {
    return RawForm.builder()
        .add("MessageSid", "SM0123456789abcdef0123456789abcdef")
        .add("AccountSid", "AC0123456789abcdef0123456789abcdef")
        .add("From", "+12015550123")
        .add("To", "+15005550006")
        .add("Body", "Hola, ¿cuándo pasan a arreglar la ducha? 🚿")
        .build();
  }

  private static RawForm with(RawForm form, String name, String value) {
    RawForm.Builder more = RawForm.builder();
    form.asMap().forEach((n, values) -> values.forEach(v -> more.add(n, v)));
    return more.add(name, value).build();
  }

  /**
   * One request: Twilio signed {@code signedUrl} (with {@code token}) and the service, configured
   * with its public base URL, sees {@code receivedUrl}.
   */
  private record Case(
      String name,
      String receivedUrl,
      String signedUrl,
      RawForm signedForm,
      RawForm receivedForm,
      String token,
      boolean expected) {

    String signature() {
      return TwilioSignatures.sign(token, signedUrl, signedForm);
    }

    boolean singleValued() {
      return receivedForm.asMap().values().stream().allMatch(values -> values.size() == 1);
    }
  }

  private static Case accepted(String name, String received, String signed) {
    return new Case(name, received, signed, inbound(), inbound(), TOKEN, true);
  }

  private static Case refused(String name, String received, String signed) {
    return new Case(name, received, signed, inbound(), inbound(), TOKEN, false);
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(accepted("the same URL", SMS, SMS));
    cases.add(accepted("signed with the default port", SMS, BASE + ":443/webhook/twilio/sms"));
    cases.add(accepted("received with the default port", BASE + ":443/webhook/twilio/sms", SMS));
    cases.add(
        accepted(
            "another port, which Twilio drops from HTTPS URLs before signing",
            BASE + ":8443/webhook/twilio/sms",
            SMS));
    cases.add(
        accepted(
            "a plain HTTP port dropped",
            "http://sms.example.com:8080/webhook/twilio/sms",
            "http://sms.example.com/webhook/twilio/sms"));
    cases.add(
        refused("a port added that the URL never had", SMS, BASE + ":8443/webhook/twilio/sms"));
    cases.add(
        accepted(
            "a query string exactly as received",
            STATUS + "?message_id=3f1c&note=a%26b%3Dc%2Bd%20e&city=S%C3%A3o%2FPaulo",
            STATUS + "?message_id=3f1c&note=a%26b%3Dc%2Bd%20e&city=S%C3%A3o%2FPaulo"));
    cases.add(
        refused(
            "a query string decoded",
            STATUS + "?message_id=3f1c&note=a%26b%3Dc%2Bd%20e",
            STATUS + "?message_id=3f1c&note=a&b=c+d e"));
    cases.add(accepted("' received, %27 signed", STATUS + "?note=it's", STATUS + "?note=it%27s"));
    cases.add(accepted("%27 received, ' signed", STATUS + "?note=it%27s", STATUS + "?note=it's"));
    cases.add(accepted("+ received, %20 signed", STATUS + "?q=a+b", STATUS + "?q=a%20b"));
    cases.add(refused("%20 received, + signed", STATUS + "?q=a%20b", STATUS + "?q=a+b"));
    cases.add(accepted("| received, %7C signed", STATUS + "?v=x|y", STATUS + "?v=x%7Cy"));
    cases.add(refused("%7C received, | signed", STATUS + "?v=x%7Cy", STATUS + "?v=x|y"));
    cases.add(
        accepted(
            "a decoded letter with the default port",
            STATUS + "?city=S%C3%A3o",
            BASE + ":443/webhook/twilio/status?city=São"));
    cases.add(
        accepted("a host written in capitals", "https://SMS.Example.com/webhook/twilio/sms", SMS));
    cases.add(refused("another path", SMS, BASE + "/webhook/twilio/status"));
    cases.add(refused("another scheme", SMS, "http://sms.example.com/webhook/twilio/sms"));
    cases.add(
        refused(
            "the URL this process sees behind a proxy",
            SMS,
            "http://10.0.0.7:8080/webhook/twilio/sms"));
    cases.add(new Case("another token", SMS, SMS, inbound(), inbound(), "not-our-token", false));
    cases.add(
        new Case(
            "a tampered body",
            SMS,
            SMS,
            inbound(),
            with(inbound(), "Body", "and one more thing"),
            TOKEN,
            false));
    cases.add(
        new Case(
            "a parameter Twilio adds later",
            SMS,
            SMS,
            with(inbound(), "SomeFieldTwilioAddsLater", "x"),
            with(inbound(), "SomeFieldTwilioAddsLater", "x"),
            TOKEN,
            true));
    cases.add(
        new Case(
            "a parameter dropped on the way",
            SMS,
            SMS,
            with(inbound(), "SomeFieldTwilioAddsLater", "x"),
            inbound(),
            TOKEN,
            false));
    cases.add(
        new Case(
            "a repeated name",
            SMS,
            SMS,
            with(with(inbound(), "Tag", "b"), "Tag", "a"),
            with(with(inbound(), "Tag", "b"), "Tag", "a"),
            TOKEN,
            true));
    cases.add(
        new Case(
            "a repeated name with one of its values missing",
            SMS,
            SMS,
            with(with(inbound(), "Tag", "b"), "Tag", "a"),
            with(inbound(), "Tag", "b"),
            TOKEN,
            false));
    return cases;
  }

  @Test
  void our_verifier_agrees_with_twilios_java_and_node_validators_on_every_case() {
    List<Case> cases = cases();
    TwilioRequestValidator ours = new TwilioRequestValidator(TOKEN, null);
    RequestValidator java = new RequestValidator(TOKEN);
    List<Boolean> node = nodeAnswers(cases);

    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      boolean mine = ours.isValid(c.receivedUrl(), c.receivedForm(), c.signature());
      softly.assertThat(mine).as("ours: " + c.name()).isEqualTo(c.expected());
      if (node != null) {
        boolean theirs =
            node.get(i)
                || (c.singleValued()
                    && java.validate(c.receivedUrl(), single(c.receivedForm()), c.signature()));
        softly.assertThat(mine).as("ours = Java or Node SDK: " + c.name()).isEqualTo(theirs);
      } else if (c.singleValued() && c.expected() == false) {
        softly
            .assertThat(java.validate(c.receivedUrl(), single(c.receivedForm()), c.signature()))
            .as("Java SDK refuses too: " + c.name())
            .isFalse();
      }
    }
    softly.assertAll();
  }

  @Test
  void where_the_java_sdk_accepts_a_request_we_accept_it() {
    RequestValidator java = new RequestValidator(TOKEN);
    TwilioRequestValidator ours = new TwilioRequestValidator(TOKEN, null);
    for (Case c : cases()) {
      if (c.singleValued()
          && java.validate(c.receivedUrl(), single(c.receivedForm()), c.signature())) {
        assertThat(ours.isValid(c.receivedUrl(), c.receivedForm(), c.signature()))
            .as(c.name())
            .isTrue();
      }
    }
  }

  /** Twilio's Node answers, or {@code null} on a machine without Node.js. */
  private static List<Boolean> nodeAnswers(List<Case> cases) {
    if (!NodeCheckers.nodeAvailable()) {
      return null;
    }
    List<Map<String, Object>> input = new ArrayList<>();
    for (Case c : cases) {
      Map<String, Object> params = new LinkedHashMap<>();
      c.receivedForm()
          .asMap()
          .forEach((name, values) -> params.put(name, values.size() == 1 ? values.get(0) : values));
      input.add(
          Map.of(
              "authToken",
              TOKEN,
              "signature",
              c.signature(),
              "url",
              c.receivedUrl(),
              "params",
              params));
    }
    return NodeCheckers.twilioValidate(input);
  }

  private static Map<String, String> single(RawForm form) {
    Map<String, String> single = new LinkedHashMap<>();
    form.asMap().forEach((name, values) -> single.put(name, values.get(0)));
    return single;
  }

  @Test
  void the_node_checker_runs_on_this_machine() {
    assumeTrue(NodeCheckers.nodeAvailable(), "Node.js is not installed");
    assertThat(nodeAnswers(List.of(accepted("x", SMS, SMS), refused("y", SMS, STATUS))))
        .containsExactly(true, false);
  }

  @Test
  void the_published_test_vector_signs_to_the_published_signature() {
    assertThat(TwilioSignatures.sign(VECTOR_TOKEN, VECTOR_URL, vectorParams()))
        .isEqualTo(VECTOR_SIGNATURE);
    assertThat(
            new TwilioRequestValidator(VECTOR_TOKEN, null)
                .isValid(VECTOR_URL, vectorParams(), VECTOR_SIGNATURE))
        .isTrue();
  }

  @Test
  void repeated_parameters_count_once_per_distinct_value_in_value_order() {
    RawForm params =
        RawForm.builder()
            .add("Sid", "CA123")
            .add("SidAccount", "AC123")
            .add("Digits", "5678")
            .add("Digits", "1234")
            .add("Digits", "1234")
            .build();

    // Signed text: URL + "Digits1234Digits5678SidCA123SidAccountAC123".
    assertThat(TwilioSignatures.sign(VECTOR_TOKEN, VECTOR_URL, params))
        .isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void a_missing_or_blank_signature_is_refused() {
    TwilioRequestValidator validator = new TwilioRequestValidator(TOKEN, null);

    assertThat(validator.isValid(SMS, inbound(), null)).isFalse();
    assertThat(validator.isValid(SMS, inbound(), "")).isFalse();
    assertThat(validator.isValid(SMS, inbound(), "  ")).isFalse();
  }

  @Test
  void the_secondary_token_is_accepted_during_a_rotation() {
    TwilioRequestValidator rotating = new TwilioRequestValidator(TOKEN, OLD_TOKEN);

    assertThat(rotating.isValid(SMS, inbound(), TwilioSignatures.sign(OLD_TOKEN, SMS, inbound())))
        .isTrue();
    assertThat(rotating.isValid(SMS, inbound(), TwilioSignatures.sign(TOKEN, SMS, inbound())))
        .isTrue();
    assertThat(
            new TwilioRequestValidator(TOKEN, null)
                .isValid(SMS, inbound(), TwilioSignatures.sign(OLD_TOKEN, SMS, inbound())))
        .isFalse();
  }

  @Test
  void the_port_spellings_leave_path_and_query_untouched() {
    assertThat(SignedUrls.withDefaultPort("https://user@sms.example.com/a%2Fb?q=%20x"))
        .isEqualTo("https://user@sms.example.com:443/a%2Fb?q=%20x");
    assertThat(SignedUrls.withoutPort("http://[::1]:8080/x?y=1")).isEqualTo("http://[::1]/x?y=1");
    assertThat(SignedUrls.withDefaultPort("http://[::1]/x")).isEqualTo("http://[::1]:80/x");
  }

  @Test
  void the_legacy_query_spelling_groups_names_and_encodes_as_node_does() {
    assertThat(SignedUrls.withLegacyQuery("https://h/p?x=1&y=2&x=3"))
        .isEqualTo("https://h/p?x=1&x=3&y=2");
    assertThat(SignedUrls.withLegacyQuery("https://h/p?1=a&b=c&0=z"))
        .isEqualTo("https://h/p?0=z&1=a&b=c");
    assertThat(SignedUrls.withLegacyQuery("https://h/p?a=%zz&b=%E9"))
        .isEqualTo("https://h/p?a=%25zz&b=%EF%BF%BD");
    assertThat(SignedUrls.withLegacyQuery("https://h/p?a&b=")).isEqualTo("https://h/p?a=&b=");
  }

  @Test
  void the_browser_spelling_normalizes_as_a_browser_does() {
    assertThat(
            SignedUrls.BrowserUrl.normalize(
                "https://H.example.com:443/A/./b/../c%7e?x='y'&z=a b|c"))
        .isEqualTo("https://h.example.com/A/c%7e?x=%27y%27&z=a%20b|c");
    assertThat(SignedUrls.BrowserUrl.normalize("https://h/a^b`c{d}e|f\"i"))
        .isEqualTo("https://h/a^b%60c%7Bd%7De|f%22i");
    assertThat(SignedUrls.BrowserUrl.normalize("https://h/%2e/x/.%2E/y")).isEqualTo("https://h/y");
    assertThat(SignedUrls.BrowserUrl.normalize("https://h:0443/p?q=é"))
        .isEqualTo("https://h/p?q=%C3%A9");
    assertThat(SignedUrls.BrowserUrl.normalize("https://h:8443")).isEqualTo("https://h:8443/");
    assertThat(SignedUrls.BrowserUrl.normalize("ftp://h/p")).isNull();
  }
}
