package io.smsfoundation.domain.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.domain.call.CallRouting.CallerId;
import io.smsfoundation.domain.call.CallRouting.Dialer;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.phone.PhoneNumbers;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRoutingTest {

  private static final PhoneNumbers PHONES = PhoneNumbers.forUnitedStates();
  private static final List<Dialer> DIALERS =
      List.of(new Dialer("dialfire", "+15551230000"), new Dialer("zendesk_talk", "+15551239999"));

  @Test
  void both_kinds_of_callers_get_the_first_dialer_by_default() {
    CallRouting routing = new CallRouting(DIALERS, null, null, CallerId.OWN_NUMBER, 20, null);

    CallRouting.Decision known =
        routing.route(true, PHONES.classify("+12015550123"), "+15005550006", Language.EN);
    CallRouting.Decision unknown =
        routing.route(false, PHONES.classify("+12015550123"), "+15005550006", Language.EN);

    assertThat(known.reason()).isEqualTo("known_caller");
    assertThat(unknown.reason()).isEqualTo("unknown_caller");
    assertThat(known.route())
        .isEqualTo(new CallRoute.Dial("dialfire", "+15551230000", "+15005550006", 20));
    assertThat(unknown.route()).isEqualTo(known.route());
  }

  @Test
  void known_and_unknown_callers_get_their_own_dialers_and_caller_ids() {
    CallRouting routing =
        new CallRouting(DIALERS, "zendesk_talk", "dialfire", CallerId.CALLER, 30, "+15005550006");

    CallRoute.Dial known =
        (CallRoute.Dial)
            routing.route(true, PHONES.classify("2015550123"), "+15005550006", Language.EN).route();
    CallRoute.Dial anonymous =
        (CallRoute.Dial)
            routing.route(false, PHONES.classify("anonymous"), "+15005550006", Language.EN).route();

    assertThat(known.dialer()).isEqualTo("zendesk_talk");
    assertThat(known.callerId()).isEqualTo("+12015550123");
    assertThat(known.timeoutSeconds()).isEqualTo(30);
    assertThat(anonymous.dialer()).isEqualTo("dialfire");
    assertThat(anonymous.callerId()).isEqualTo("+15005550006");
  }

  @Test
  void without_dialers_a_call_is_announced_in_the_conversations_language() {
    CallRouting.Decision decision =
        CallRouting.none().route(false, PHONES.classify("+12015550123"), "+1500", Language.PT);

    assertThat(decision.reason()).isEqualTo("no_dialer");
    assertThat(decision.route()).isEqualTo(new CallRoute.Announcement(Language.PT));
    assertThat(new CallRoute.Announcement(Language.UNKNOWN).language()).isEqualTo(Language.EN);
  }

  @Test
  void a_route_to_an_unknown_dialer_or_a_bad_number_is_refused() {
    assertThatThrownBy(
            () -> new CallRouting(DIALERS, "nobody", null, CallerId.OWN_NUMBER, 20, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Dialer("dialfire", "5551230000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Dialer("Dial Fire", "+15551230000"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
