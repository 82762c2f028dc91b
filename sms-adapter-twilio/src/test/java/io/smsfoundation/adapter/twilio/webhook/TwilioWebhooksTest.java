package io.smsfoundation.adapter.twilio.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.adapter.twilio.TwilioSettings;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.domain.message.StatusEvent;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.service.SmsServices;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Twilio's webhooks as a table of real payloads, run in-process through the handlers, the real use
 * cases and the in-memory stores: what Twilio posts, what the service answers, what it keeps.
 */
class TwilioWebhooksTest {

  private static final String TOKEN = "9b1e5c0ffee5eed0ddba11c0ffee5eed";
  private static final String BASE = "https://sms.example.com";
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String OUR_NUMBER = "+14155552671";
  private static final String TENANT = "+14155550100";

  /** The SID Twilio gave our outbound message in the cases that report its status. */
  private static final String OUTBOUND_SID = "SMb1d7c2a4e5f60718293a4b5c6d7e8f90";

  /** The service as the cases see it: its stores, and the message id of the outbound message. */
  private record World(InMemoryAdapters adapters, UUID outboundId) {

    Conversation conversation(String canonical) {
      return adapters.conversations().findByCanonical(canonical).orElseThrow();
    }

    Message message(String sid) {
      return adapters.messages().findBySid(sid).orElseThrow();
    }

    List<Message> messagesOf(String canonical) {
      return adapters
          .messages()
          .page(conversation(canonical).id(), Optional.<MessageKey>empty(), 100);
    }

    List<StatusEvent> historyOf(UUID messageId) {
      return adapters.messages().statusEvents(messageId);
    }
  }

  /**
   * One webhook as Twilio posts it: {@code body} is the form exactly as Twilio encodes it, {@code
   * {message_id}} stands for our outbound message's id.
   */
  private record Case(
      String name,
      String path,
      String body,
      boolean signed,
      int status,
      String outcome,
      Consumer<World> then) {

    @Override
    public String toString() {
      return name;
    }
  }

  private static Case ok(
      String name, String path, String body, String outcome, Consumer<World> then) {
    return new Case(name, path, body, true, 200, outcome, then);
  }

  static Stream<Case> cases() {
    return Stream.of(
        ok(
            "an SMS from a tenant",
            "/webhook/twilio/sms",
            "ToCountry=US&ToState=CA&SmsMessageSid=SM1f0e2d3c4b5a69788796a5b4c3d2e1f0&NumMedia=0"
                + "&ToCity=SAN+FRANCISCO&FromZip=94105&SmsSid=SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"
                + "&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO"
                + "&Body=Hi%2C+the+kitchen+sink+is+leaking+again&FromCountry=US"
                + "&To=%2B14155552671&ToZip=94105&NumSegments=1"
                + "&MessageSid=SM1f0e2d3c4b5a69788796a5b4c3d2e1f0&AccountSid="
                + ACCOUNT
                + "&From=%2B14155550100&ApiVersion=2010-04-01",
            "accepted",
            world -> {
              Message message = world.message("SM1f0e2d3c4b5a69788796a5b4c3d2e1f0");
              assertThat(message.content()).isEqualTo("Hi, the kitchen sink is leaking again");
              assertThat(message.from()).isEqualTo(TENANT);
              assertThat(message.to()).isEqualTo(OUR_NUMBER);
              assertThat(message.deliveryStatus()).isEqualTo(DeliveryStatus.RECEIVED);
              assertThat(message.numSegments()).isEqualTo(1);
              assertThat(message.language().language().code()).isEqualTo("en");
              assertThat(message.rawWebhookData().first("FromCity")).isEqualTo("SAN FRANCISCO");
              assertThat(message.rawWebhookData().names()).hasSize(19);
              assertThat(world.conversation(TENANT).address().kind())
                  .isEqualTo(PhoneNumberKind.E164);
            }),
        ok(
            "a picture message with two images and no text",
            "/webhook/twilio/sms",
            "ToCountry=US&MediaContentType0=image%2Fjpeg&MediaContentType1=image%2Fpng"
                + "&SmsMessageSid=MM0a1b2c3d4e5f60718293a4b5c6d7e8f9&NumMedia=2&SmsSid=MM0a1b2c3d4e5f60718293a4b5c6d7e8f9"
                + "&SmsStatus=received&Body=&To=%2B14155552671&NumSegments=1"
                + "&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2F"
                + ACCOUNT
                + "%2FMessages%2FMM0a1b2c3d4e5f60718293a4b5c6d7e8f9%2FMedia%2FME11111111111111111111111111111111"
                + "&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2F2010-04-01%2FAccounts%2F"
                + ACCOUNT
                + "%2FMessages%2FMM0a1b2c3d4e5f60718293a4b5c6d7e8f9%2FMedia%2FME22222222222222222222222222222222"
                + "&MessageSid=MM0a1b2c3d4e5f60718293a4b5c6d7e8f9&AccountSid="
                + ACCOUNT
                + "&From=%2B14155550100&ApiVersion=2010-04-01",
            "accepted",
            world -> {
              Message message = world.message("MM0a1b2c3d4e5f60718293a4b5c6d7e8f9");
              assertThat(message.content()).isEmpty();
              assertThat(message.numMedia()).isEqualTo(2);
              assertThat(message.media())
                  .extracting(Media::contentType)
                  .containsExactly("image/jpeg", "image/png");
              assertThat(message.media().get(1).url())
                  .endsWith("/Media/ME22222222222222222222222222222222");
            }),
        ok(
            "a WhatsApp message",
            "/webhook/twilio/sms",
            "SmsMessageSid=SM2b3c4d5e6f708192a3b4c5d6e7f80912&NumMedia=0&ProfileName=Maria"
                + "&MessageType=text&SmsSid=SM2b3c4d5e6f708192a3b4c5d6e7f80912&WaId=5511987654321"
                + "&SmsStatus=received&Body=Ol%C3%A1%2C+a+luz+do+corredor+queimou"
                + "&To=whatsapp%3A%2B14155238886&NumSegments=1&ReferralNumMedia=0"
                + "&MessageSid=SM2b3c4d5e6f708192a3b4c5d6e7f80912&AccountSid="
                + ACCOUNT
                + "&From=whatsapp%3A%2B5511987654321&ApiVersion=2010-04-01",
            "accepted",
            world -> {
              Message message = world.message("SM2b3c4d5e6f708192a3b4c5d6e7f80912");
              assertThat(message.from()).isEqualTo("whatsapp:+5511987654321");
              assertThat(message.content()).isEqualTo("Olá, a luz do corredor queimou");
              assertThat(message.language().language().code()).isEqualTo("pt");
              assertThat(message.rawWebhookData().first("ProfileName")).isEqualTo("Maria");
            }),
        ok(
            "a message from a short code",
            "/webhook/twilio/sms",
            "SmsMessageSid=SM3c4d5e6f708192a3b4c5d6e7f8091a2b&NumMedia=0&SmsSid=SM3c4d5e6f708192a3b4c5d6e7f8091a2b"
                + "&SmsStatus=received&Body=Your+verification+code+is+482913&To=%2B14155552671"
                + "&NumSegments=1&MessageSid=SM3c4d5e6f708192a3b4c5d6e7f8091a2b&AccountSid="
                + ACCOUNT
                + "&From=22395&ApiVersion=2010-04-01",
            "accepted",
            world ->
                assertThat(world.conversation("22395").address().kind())
                    .isEqualTo(PhoneNumberKind.SHORT_CODE)),
        ok(
            "a message from an alphanumeric sender",
            "/webhook/twilio/sms",
            "SmsMessageSid=SM4d5e6f708192a3b4c5d6e7f8091a2b3c&NumMedia=0&SmsSid=SM4d5e6f708192a3b4c5d6e7f8091a2b3c"
                + "&SmsStatus=received&Body=Service+notice&To=%2B14155552671&NumSegments=1"
                + "&MessageSid=SM4d5e6f708192a3b4c5d6e7f8091a2b3c&AccountSid="
                + ACCOUNT
                + "&From=VERIZON&ApiVersion=2010-04-01",
            "accepted",
            world ->
                assertThat(world.messagesOf("VERIZON"))
                    .singleElement()
                    .extracting(Message::content)
                    .isEqualTo("Service notice")),
        ok(
            "STOP handled by Advanced Opt-Out",
            "/webhook/twilio/sms",
            "SmsMessageSid=SM5e6f708192a3b4c5d6e7f8091a2b3c4d&NumMedia=0&OptOutType=STOP"
                + "&SmsSid=SM5e6f708192a3b4c5d6e7f8091a2b3c4d&SmsStatus=received&Body=Stop+please"
                + "&To=%2B14155552671&NumSegments=1&MessageSid=SM5e6f708192a3b4c5d6e7f8091a2b3c4d"
                + "&AccountSid="
                + ACCOUNT
                + "&From=%2B14155550100&ApiVersion=2010-04-01",
            "accepted",
            world -> assertThat(world.conversation(TENANT).optedOut()).isTrue()),
        ok(
            "a repeated parameter keeps every value in order",
            "/webhook/twilio/sms",
            "MessageSid=SM6f708192a3b4c5d6e7f8091a2b3c4d5e&AccountSid="
                + ACCOUNT
                + "&From=%2B14155550100&To=%2B14155552671&Body=first&Tag=b&Tag=a&Body=second",
            "accepted",
            world -> {
              Message message = world.message("SM6f708192a3b4c5d6e7f8091a2b3c4d5e");
              assertThat(message.content()).isEqualTo("first");
              assertThat(message.rawWebhookData().values("Tag")).containsExactly("b", "a");
              assertThat(message.rawWebhookData().values("Body"))
                  .containsExactly("first", "second");
            }),
        ok(
            "a segment count Twilio reports",
            "/webhook/twilio/sms",
            "MessageSid=SM708192a3b4c5d6e7f8091a2b3c4d5e6f&From=%2B14155550100&To=%2B14155552671"
                + "&Body=short&NumSegments=3",
            "accepted",
            world ->
                assertThat(world.message("SM708192a3b4c5d6e7f8091a2b3c4d5e6f").numSegments())
                    .isEqualTo(3)),
        ok(
            "a delivered status callback with the carrier's done date",
            "/webhook/twilio/status?message_id={message_id}",
            "SmsSid="
                + OUTBOUND_SID
                + "&SmsStatus=delivered&MessageStatus=delivered"
                + "&To=%2B14155550100&MessageSid="
                + OUTBOUND_SID
                + "&AccountSid="
                + ACCOUNT
                + "&From=%2B14155552671&ApiVersion=2010-04-01&RawDlrDoneDate=2511191230",
            "status queued -> delivered",
            world -> {
              Message message = world.message(OUTBOUND_SID);
              assertThat(message.deliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
              assertThat(world.historyOf(message.id()))
                  .singleElement()
                  .satisfies(
                      event ->
                          assertThat(event.rawWebhookData().first("RawDlrDoneDate"))
                              .isEqualTo("2511191230"));
            }),
        ok(
            "an undelivered status callback with Twilio's error code",
            "/webhook/twilio/status?message_id={message_id}",
            "ErrorCode=30003&SmsSid="
                + OUTBOUND_SID
                + "&SmsStatus=undelivered"
                + "&MessageStatus=undelivered&To=%2B14155550100&MessageSid="
                + OUTBOUND_SID
                + "&AccountSid="
                + ACCOUNT
                + "&From=%2B14155552671&ApiVersion=2010-04-01",
            "status queued -> undelivered",
            world -> {
              Message message = world.message(OUTBOUND_SID);
              assertThat(message.deliveryStatus()).isEqualTo(DeliveryStatus.UNDELIVERED);
              assertThat(message.errorCode()).isEqualTo("30003");
              assertThat(world.conversation(TENANT).optedOut()).isFalse();
            }),
        ok(
            "a failed status callback because the recipient unsubscribed",
            "/webhook/twilio/status?message_id={message_id}",
            "ErrorCode=21610&MessageStatus=failed&SmsStatus=failed&MessageSid="
                + OUTBOUND_SID
                + "&SmsSid="
                + OUTBOUND_SID
                + "&AccountSid="
                + ACCOUNT,
            "status queued -> failed",
            world -> assertThat(world.conversation(TENANT).optedOut()).isTrue()),
        ok(
            "a status callback with the older SmsStatus only",
            "/webhook/twilio/status",
            "SmsSid="
                + OUTBOUND_SID
                + "&SmsStatus=sent&MessageSid="
                + OUTBOUND_SID
                + "&AccountSid="
                + ACCOUNT,
            "status queued -> sent",
            world ->
                assertThat(world.message(OUTBOUND_SID).deliveryStatus())
                    .isEqualTo(DeliveryStatus.SENT)),
        ok(
            "a status callback for a message not known yet",
            "/webhook/twilio/status",
            "MessageSid=SM8192a3b4c5d6e7f8091a2b3c4d5e6f70&MessageStatus=sent&AccountSid="
                + ACCOUNT,
            "kept_for_later",
            world ->
                assertThat(
                        world
                            .adapters()
                            .messages()
                            .unattachedStatusEvents("SM8192a3b4c5d6e7f8091a2b3c4d5e6f70"))
                    .hasSize(1)),
        ok(
            "a status callback naming an inbound message changes nothing",
            "/webhook/twilio/status",
            "ErrorCode=21610&MessageStatus=failed&MessageSid=SMaaaa0000bbbb1111cccc2222dddd3333"
                + "&AccountSid="
                + ACCOUNT,
            "not_outbound",
            world -> {
              Message inbound = world.message("SMaaaa0000bbbb1111cccc2222dddd3333");
              assertThat(inbound.deliveryStatus()).isEqualTo(DeliveryStatus.RECEIVED);
              assertThat(world.conversation("+14155550199").optedOut()).isFalse();
              assertThat(world.historyOf(inbound.id())).hasSize(1);
            }),
        ok(
            "an SMS with a NUL in its body and in a name",
            "/webhook/twilio/sms",
            "MessageSid=SM0a1b2c3d4e5f60718293a4b5c6d7e8f9&From=%2B14155550100"
                + "&To=%2B14155552671&Body=a%00b&X%00Y=1&AccountSid="
                + ACCOUNT,
            "accepted",
            world -> {
              Message message = world.message("SM0a1b2c3d4e5f60718293a4b5c6d7e8f9");
              assertThat(message.content()).isEqualTo("a\uFFFDb");
              assertThat(message.rawWebhookData().first("X\uFFFDY")).isEqualTo("1");
              assertThat(message.rawWebhookData().body())
                  .hasValueSatisfying(
                      exact ->
                          assertThat(new String(exact, StandardCharsets.US_ASCII))
                              .contains("Body=a%00b&X%00Y=1"));
            }),
        ok(
            "an SMS whose body is not UTF-8, signed over its bytes",
            "/webhook/twilio/sms",
            "MessageSid=SM1a1b2c3d4e5f60718293a4b5c6d7e8f9&From=%2B14155550100"
                + "&To=%2B14155552671&Body=caf%E9+%FF%FE%C3&AccountSid="
                + ACCOUNT,
            "accepted",
            world -> {
              Message message = world.message("SM1a1b2c3d4e5f60718293a4b5c6d7e8f9");
              assertThat(message.content()).isEqualTo("caf\uFFFD \uFFFD\uFFFD\uFFFD");
              assertThat(message.rawWebhookData().body())
                  .hasValueSatisfying(
                      exact ->
                          assertThat(new String(exact, StandardCharsets.US_ASCII))
                              .contains("Body=caf%E9+%FF%FE%C3"));
            }),
        ok(
            "an SMS with percent signs that are not escapes",
            "/webhook/twilio/sms",
            "MessageSid=SM2a1b2c3d4e5f60718293a4b5c6d7e8f9&From=%2B14155550100"
                + "&To=%2B14155552671&Body=100%+sure%ZZ+%u002F&AccountSid="
                + ACCOUNT,
            "accepted",
            world ->
                assertThat(world.message("SM2a1b2c3d4e5f60718293a4b5c6d7e8f9").content())
                    .isEqualTo("100% sure%ZZ %u002F")),
        ok(
            "a status callback whose message_id names another message than its SID",
            "/webhook/twilio/status?message_id={message_id}",
            "MessageStatus=delivered&MessageSid=SMaaaa0000bbbb1111cccc2222dddd3333&AccountSid="
                + ACCOUNT,
            "conflicting",
            world -> {
              Message ours = world.adapters().messages().findById(world.outboundId()).orElseThrow();
              assertThat(ours.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
              assertThat(ours.twilioSid()).isEqualTo(OUTBOUND_SID);
              assertThat(world.historyOf(world.outboundId())).isEmpty();
              assertThat(world.adapters().messages().conflictingStatusEvents(world.outboundId()))
                  .hasSize(1);
            }),
        new Case(
            "an unsigned webhook",
            "/webhook/twilio/sms",
            "MessageSid=SM9a3b4c5d6e7f8091a2b3c4d5e6f70819&From=%2B14155550100&To=%2B14155552671&Body=hi",
            false,
            403,
            "invalid_signature",
            world ->
                assertThat(
                        world.adapters().messages().findBySid("SM9a3b4c5d6e7f8091a2b3c4d5e6f70819"))
                    .isEmpty()),
        new Case(
            "a webhook without its sender",
            "/webhook/twilio/sms",
            "MessageSid=SMa3b4c5d6e7f8091a2b3c4d5e6f708192&To=%2B14155552671&Body=hi",
            true,
            400,
            "invalid",
            world ->
                assertThat(
                        world.adapters().messages().findBySid("SMa3b4c5d6e7f8091a2b3c4d5e6f708192"))
                    .isEmpty()),
        new Case(
            "a status callback without any status",
            "/webhook/twilio/status",
            "MessageSid=" + OUTBOUND_SID + "&AccountSid=" + ACCOUNT,
            true,
            400,
            "invalid",
            world -> assertThat(world.historyOf(world.outboundId())).isEmpty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void twilio_posts_and_the_service_answers(Case c) throws Exception {
    World world = world();
    String path = c.path().replace("{message_id}", world.outboundId().toString());
    String url = BASE + path;
    byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
    String signature = c.signed() ? TwilioSignatures.signBody(TOKEN, url, body) : null;
    TwilioWebhooks webhooks = webhooks(world);
    TwilioWebhook webhook =
        path.startsWith("/webhook/twilio/status")
            ? webhooks.statusCallback()
            : webhooks.inboundSms();

    WebhookResult result =
        webhook.handle(
            new WebhookRequest(
                "POST",
                url,
                signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature),
                body,
                System.nanoTime()));

    assertThat(result.outcome()).isEqualTo(c.outcome());
    switch (result) {
      case WebhookResult.Answered answered -> {
        assertThat(c.status()).isEqualTo(200);
        Document twiml = xml(answered.twiml());
        assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
        assertThat(twiml.getDocumentElement().getChildNodes().getLength()).isZero();
      }
      case WebhookResult.Refused refused ->
          assertThat(refused.reason())
              .isEqualTo(
                  c.status() == 403
                      ? WebhookResult.Reason.FORBIDDEN
                      : WebhookResult.Reason.INVALID);
    }
    c.then().accept(world);
  }

  /**
   * The services over fresh in-memory stores, with one outbound message to the tenant (Twilio gave
   * it {@link #OUTBOUND_SID}, status queued) and one inbound message from another number.
   */
  private static World world() {
    InMemoryAdapters adapters = InMemoryAdapters.create();
    SmsServices services = services(adapters);
    adapters.jobQueue().handleWith(services.jobHandler());
    adapters
        .smsGateway()
        .script(new PhoneNumber(TENANT), new SendOutcome.Sent(OUTBOUND_SID, DeliveryStatus.QUEUED));
    SendResult sent =
        services.sendSms().send(SendCommand.to(TENANT, "Your rent is due on the 1st", null));
    adapters.jobQueue().runUntilIdle(5);
    services
        .receiveInbound()
        .receive(
            io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms.text(
                "SMaaaa0000bbbb1111cccc2222dddd3333", "+14155550199", OUR_NUMBER, "hello"));
    return new World(adapters, ((SendResult.Accepted) sent).receipt().messageId());
  }

  private static SmsServices services(InMemoryAdapters adapters) {
    SmsServices.Settings defaults = SmsServices.Settings.defaults();
    return SmsServices.create(
        adapters.ports(),
        new SmsServices.Settings(
            defaults.phones(),
            defaults.languageDetector(),
            Duration.ZERO,
            defaults.reconcileQuietFor(),
            defaults.clock()));
  }

  private static TwilioWebhooks webhooks(World world) {
    SmsServices services = services(world.adapters());
    return new TwilioWebhooks(
        new TwilioRequestValidator(TOKEN, null),
        services.receiveInbound(),
        services.recordDeliveryStatus(),
        id -> TwilioSettings.statusCallbackFor(URI.create("https://sms.example.com"), id));
  }

  private static Document xml(byte[] twiml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(twiml));
  }

  @Test
  void a_body_that_is_not_utf8_signed_over_its_decoded_text_is_accepted() {
    World world = world();
    String url = BASE + "/webhook/twilio/sms";
    byte[] body =
        ("MessageSid=SM3a1b2c3d4e5f60718293a4b5c6d7e8f9&From=%2B14155550100"
                + "&To=%2B14155552671&Body=caf%E9")
            .getBytes(StandardCharsets.US_ASCII);
    // what a validator that sees decoded parameters (U+FFFD for the stray byte) signs
    String signature =
        TwilioSignatures.sign(
            TOKEN,
            url,
            RawForm.builder()
                .add("MessageSid", "SM3a1b2c3d4e5f60718293a4b5c6d7e8f9")
                .add("From", "+14155550100")
                .add("To", "+14155552671")
                .add("Body", "caf\uFFFD")
                .build());

    WebhookResult result =
        webhooks(world)
            .inboundSms()
            .handle(
                new WebhookRequest(
                    "POST", url, Map.of("X-Twilio-Signature", signature), body, System.nanoTime()));

    assertThat(result.outcome()).isEqualTo("accepted");
    assertThat(world.message("SM3a1b2c3d4e5f60718293a4b5c6d7e8f9").content())
        .isEqualTo("caf\uFFFD");
  }

  @Test
  void a_webhook_without_signature_is_refused_without_reading_its_body() {
    World world = world();
    WebhookResult result =
        webhooks(world)
            .inboundSms()
            .handle(
                new WebhookRequest(
                    "POST",
                    BASE + "/webhook/twilio/sms",
                    Map.of(),
                    () -> {
                      throw new AssertionError("the body was read");
                    },
                    System.nanoTime()));

    assertThat(result.outcome()).isEqualTo("invalid_signature");
  }
}
