package io.smsfoundation.adapter.twilio.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallRouting;
import io.smsfoundation.domain.call.CallRouting.CallerId;
import io.smsfoundation.domain.call.CallRouting.Dialer;
import io.smsfoundation.domain.call.CallStatus;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.memory.InMemoryCallStore;
import io.smsfoundation.ports.service.SmsServices;
import io.smsfoundation.ports.service.VoiceServices;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The voice webhooks in-process, through the real handlers, use cases and in-memory stores, with
 * real signatures: what Twilio posts, the TwiML the service answers, and what it keeps.
 */
class TwilioVoiceWebhooksTest {

  private static final String TOKEN = "9b1e5c0ffee5eed0ddba11c0ffee5eed";
  private static final String BASE = "https://sms.example.com";
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String OUR_NUMBER = "+14155552671";
  private static final String CALLER = "+14155550100";
  private static final String DIALFIRE = "+15551230000";
  private static final String ZENDESK = "+15551239999";

  private static final CallRouting TWO_DIALERS =
      new CallRouting(
          List.of(new Dialer("dialfire", DIALFIRE), new Dialer("zendesk_talk", ZENDESK)),
          "zendesk_talk",
          "dialfire",
          CallerId.OWN_NUMBER,
          20,
          OUR_NUMBER);

  /** The service over in-memory stores, with one routing configuration. */
  private static final class World {
    final InMemoryAdapters adapters = InMemoryAdapters.create();
    final InMemoryCallStore calls = new InMemoryCallStore(adapters.unitOfWork());
    final TwilioVoiceWebhooks webhooks;

    World(CallRouting routing) {
      VoiceServices voice =
          VoiceServices.create(adapters.ports(), calls, routing, SmsServices.Settings.defaults());
      webhooks =
          new TwilioVoiceWebhooks(
              new TwilioRequestValidator(TOKEN, null),
              voice.receiveCall(),
              voice.recordCallStatus(),
              URI.create(BASE + "/"));
    }

    /** A conversation for {@code number} that the service already knows, with a tenant. */
    Conversation tenant(String number, String tenantId, Language language) {
      Instant at = Instant.parse("2026-03-01T12:00:00Z");
      Conversation conversation =
          adapters
              .conversations()
              .upsert(
                  Conversation.startedAt(
                      java.util.UUID.randomUUID(),
                      PhoneNumbers.forUnitedStates().classify(number),
                      at));
      if (tenantId != null) {
        adapters.conversations().linkTenant(conversation.id(), tenantId, at);
      }
      adapters
          .conversations()
          .updateLanguage(conversation.id(), new LanguageDetection(language, 0.9), at);
      return conversation;
    }

    WebhookResult call(String sid, String from) {
      return post(
          "/webhook/twilio/voice",
          TwilioWebhookForms.incomingCall(ACCOUNT, sid, from, OUR_NUMBER),
          true);
    }

    WebhookResult post(String pathAndQuery, RawForm form, boolean signed) {
      String url = BASE + pathAndQuery;
      String signature =
          signed
              ? TwilioSignatures.sign(TOKEN, url, form)
              : TwilioSignatures.sign("forged-token-0123456789abcdef", url, form);
      WebhookRequest request =
          new WebhookRequest(
              "POST",
              url,
              Map.of("X-Twilio-Signature", signature),
              FormCodec.encode(form).getBytes(StandardCharsets.UTF_8),
              System.nanoTime());
      TwilioWebhook webhook =
          pathAndQuery.startsWith("/webhook/twilio/voice/status")
              ? webhooks.callStatus()
              : webhooks.incomingCall();
      return webhook.handle(request);
    }

    Call stored(String sid) {
      return calls.findBySid(sid).orElseThrow();
    }
  }

  private static String sid(int n) {
    return String.format("CA%032x", n);
  }

  private static WebhookResult.Answered answered(WebhookResult result) {
    assertThat(result).isInstanceOf(WebhookResult.Answered.class);
    return (WebhookResult.Answered) result;
  }

  private static String twiml(WebhookResult result) {
    return new String(answered(result).twiml(), StandardCharsets.UTF_8);
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document document =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    document.normalizeDocument();
    return document;
  }

  /** The answer Twilio's own builder makes for a dial with these inputs. */
  private static String sdkDial(String callerId, String action, int timeout, String number)
      throws Exception {
    return new VoiceResponse.Builder()
        .dial(
            new Dial.Builder()
                .callerId(callerId)
                .action(action)
                .timeout(timeout)
                .number(new Number.Builder(number).build())
                .build())
        .build()
        .toXml();
  }

  @Test
  void an_unknown_caller_is_dialled_to_the_unknown_callers_dialer() throws Exception {
    World world = new World(TWO_DIALERS);

    String answer = twiml(world.call(sid(1), CALLER));

    Call call = world.stored(sid(1));
    assertThat(call.routedDialer()).isEqualTo("dialfire");
    assertThat(call.routedTo()).isEqualTo(DIALFIRE);
    assertThat(call.status()).isEqualTo(CallStatus.ROUTED);
    assertThat(call.tenantId()).isNull();
    assertThat(call.routedAt()).isEqualTo(call.receivedAt());
    assertThat(
            xml(answer)
                .isEqualNode(
                    xml(
                        sdkDial(
                            OUR_NUMBER,
                            BASE + "/webhook/twilio/voice/status?call_id=" + call.id(),
                            20,
                            DIALFIRE))))
        .as(answer)
        .isTrue();
    assertThat(world.adapters.conversations().findByCanonical(CALLER).orElseThrow().id())
        .isEqualTo(call.conversationId());
  }

  @Test
  void a_known_caller_is_dialled_to_the_known_callers_dialer_and_keeps_the_tenant()
      throws Exception {
    World world = new World(TWO_DIALERS);
    Conversation tenant = world.tenant(CALLER, "tenant-42", Language.EN);

    String answer = twiml(world.call(sid(2), CALLER));

    Call call = world.stored(sid(2));
    assertThat(call.routedDialer()).isEqualTo("zendesk_talk");
    assertThat(call.tenantId()).isEqualTo("tenant-42");
    assertThat(call.conversationId()).isEqualTo(tenant.id());
    assertThat(
            xml(answer)
                .isEqualNode(
                    xml(
                        sdkDial(
                            OUR_NUMBER,
                            BASE + "/webhook/twilio/voice/status?call_id=" + call.id(),
                            20,
                            ZENDESK))))
        .as(answer)
        .isTrue();
  }

  @Test
  void the_caller_id_is_the_own_number_the_dialled_number_or_the_callers_own() {
    CallRouting noOwnNumber =
        new CallRouting(
            List.of(new Dialer("dialfire", DIALFIRE)), null, null, CallerId.OWN_NUMBER, 20, null);
    CallRouting callersOwn =
        new CallRouting(
            List.of(new Dialer("dialfire", DIALFIRE)), null, null, CallerId.CALLER, 35, OUR_NUMBER);

    World own = new World(TWO_DIALERS);
    own.call(sid(3), CALLER);
    World dialled = new World(noOwnNumber);
    dialled.call(sid(3), CALLER);
    World caller = new World(callersOwn);
    String answer = twiml(caller.call(sid(3), CALLER));
    caller.call(sid(4), "anonymous");

    assertThat(dial(own.stored(sid(3))).callerId()).isEqualTo(OUR_NUMBER);
    assertThat(dial(dialled.stored(sid(3))).callerId()).isEqualTo(OUR_NUMBER);
    assertThat(dial(caller.stored(sid(3))).callerId()).isEqualTo(CALLER);
    assertThat(answer).contains("callerId=\"" + CALLER + "\"").contains("timeout=\"35\"");
    // a caller without a phone number has none to show: the service's own is shown instead
    assertThat(dial(caller.stored(sid(4))).callerId()).isEqualTo(OUR_NUMBER);
  }

  private static io.smsfoundation.domain.call.CallRoute.Dial dial(Call call) {
    return (io.smsfoundation.domain.call.CallRoute.Dial) call.route();
  }

  @Test
  void without_a_dialer_the_call_is_told_in_its_language_and_hung_up_and_kept() throws Exception {
    World world = new World(CallRouting.none());
    world.tenant(CALLER, null, Language.ES);

    String answer = twiml(world.call(sid(5), CALLER));

    Call call = world.stored(sid(5));
    String expected =
        new VoiceResponse.Builder()
            .say(
                new Say.Builder(
                        new io.smsfoundation.domain.call.CallRoute.Announcement(Language.ES).text())
                    .language(Say.Language.ES_MX)
                    .build())
            .hangup(new Hangup.Builder().build())
            .build()
            .toXml();
    assertThat(xml(answer).isEqualNode(xml(expected))).as(answer).isTrue();
    assertThat(answer).contains("<Hangup/>").contains("Lo sentimos");
    assertThat(call.status()).isEqualTo(CallStatus.RECEIVED);
    assertThat(call.routedDialer()).isNull();
    assertThat(call.routedAt()).isNull();
  }

  @Test
  void a_forged_signature_is_refused_and_nothing_is_kept() {
    World world = new World(TWO_DIALERS);

    WebhookResult result =
        world.post(
            "/webhook/twilio/voice",
            TwilioWebhookForms.incomingCall(ACCOUNT, sid(6), CALLER, OUR_NUMBER),
            false);

    assertThat(result).isInstanceOf(WebhookResult.Refused.class);
    assertThat(((WebhookResult.Refused) result).reason()).isEqualTo(WebhookResult.Reason.FORBIDDEN);
    assertThat(world.calls.findBySid(sid(6))).isEmpty();
    assertThat(world.adapters.conversations().findByCanonical(CALLER)).isEmpty();
  }

  @Test
  void a_repeated_call_sid_gets_the_same_answer_and_keeps_one_call() {
    World world = new World(TWO_DIALERS);

    WebhookResult first = world.call(sid(7), CALLER);
    WebhookResult again = world.call(sid(7), CALLER);

    assertThat(answered(again).outcome()).isEqualTo("duplicate");
    assertThat(twiml(again)).isEqualTo(twiml(first));
    Call call = world.stored(sid(7));
    assertThat(world.calls.page(call.conversationId(), java.util.Optional.empty(), 10)).hasSize(1);
    assertThat(world.calls.statusEvents(call.id()))
        .extracting(CallStatusEvent::status)
        .containsExactly(CallStatus.RECEIVED, CallStatus.ROUTED);
  }

  @Test
  void the_dial_action_completes_the_call_with_its_duration_and_a_late_ringing_changes_nothing() {
    World world = new World(TWO_DIALERS);
    world.call(sid(8), CALLER);
    Call routed = world.stored(sid(8));
    String action = "/webhook/twilio/voice/status?call_id=" + routed.id();

    WebhookResult ended =
        world.post(
            action,
            TwilioWebhookForms.dialAction(ACCOUNT, sid(8), CALLER, OUR_NUMBER, "completed", 42),
            true);
    Call completed = world.stored(sid(8));
    WebhookResult late =
        world.post(
            "/webhook/twilio/voice/status",
            TwilioWebhookForms.callStatus(ACCOUNT, sid(8), "ringing", null),
            true);

    assertThat(twiml(ended)).isEqualTo(new String(VoiceTwiMl.EMPTY, StandardCharsets.UTF_8));
    assertThat(twiml(ended)).contains("<Response/>");
    assertThat(answered(ended).outcome()).isEqualTo("status routed -> completed");
    assertThat(completed.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(completed.durationSeconds()).isEqualTo(42);
    assertThat(completed.endedAt()).isNotNull();
    assertThat(completed.answeredAt()).isEqualTo(completed.endedAt().minusSeconds(42));
    assertThat(answered(late).outcome()).isEqualTo("unchanged completed");
    assertThat(world.stored(sid(8))).isEqualTo(completed);
    List<CallStatusEvent> history = world.calls.statusEvents(routed.id());
    assertThat(history)
        .extracting(CallStatusEvent::status)
        .containsExactly(CallStatus.RECEIVED, CallStatus.ROUTED, CallStatus.COMPLETED);
    assertThat(history.getLast().rawWebhookData().first("DialCallDuration")).isEqualTo("42");
  }

  @Test
  void the_call_keeps_the_exact_webhook_and_the_time_its_answer_took_once_written() {
    World world = new World(TWO_DIALERS);
    RawForm form = TwilioWebhookForms.incomingCall(ACCOUNT, sid(9), CALLER, OUR_NUMBER);

    WebhookResult.Answered answer = answered(world.post("/webhook/twilio/voice", form, true));
    assertThat(world.stored(sid(9)).responseTimeMs()).isNull();
    answer.afterWritten().run();

    Call call = world.stored(sid(9));
    assertThat(call.responseTimeMs()).isNotNull().isNotNegative();
    assertThat(new String(call.rawWebhookData().body().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(FormCodec.encode(form));
    assertThat(call.rawWebhookData().first("CallStatus")).isEqualTo("ringing");
    assertThat(answer.about()).containsEntry(WebhookResult.CALL_ID, call.id().toString());
  }
}
