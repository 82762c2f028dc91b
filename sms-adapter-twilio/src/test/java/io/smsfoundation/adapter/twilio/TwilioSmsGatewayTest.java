package io.smsfoundation.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.adapter.twilio.CallbackReceiver.Received;
import io.smsfoundation.adapter.twilio.emulator.EmulatedMessage;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.MessageSid;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.contract.Eventually;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every outcome through the real SDK, over real HTTP, against the emulator. */
class TwilioSmsGatewayTest {

  private static final String SENDER = "+15005550006";
  private static final PhoneNumber DELIVERABLE = new PhoneNumber("+12015550123");
  private static final TwilioSettings.Retry QUICK_RETRIES =
      new TwilioSettings.Retry(
          3, Duration.ofMillis(20), Duration.ofMillis(100), 0.25, Duration.ofSeconds(5));

  private CallbackReceiver webhooks;
  private TwilioEmulator emulator;
  private final List<TwilioSmsGateway> gateways = new ArrayList<>();

  @BeforeEach
  void start() {
    webhooks = new CallbackReceiver();
    emulator =
        TwilioEmulator.builder()
            .sentDelay(Duration.ofMillis(20))
            .deliveredDelay(Duration.ofMillis(20))
            .slowAnswerDelay(Duration.ofSeconds(3))
            .start();
  }

  @AfterEach
  void stop() {
    gateways.forEach(TwilioSmsGateway::close);
    emulator.close();
    webhooks.close();
  }

  private TwilioSettings settings() {
    return new TwilioSettings(
        emulator.accountSid(),
        emulator.authToken(),
        SENDER,
        null,
        URI.create(emulator.baseUrl()),
        webhooks.baseUrl(),
        Duration.ofMillis(500),
        Duration.ofSeconds(2),
        QUICK_RETRIES);
  }

  private TwilioSmsGateway gateway(TwilioSettings settings) {
    TwilioSmsGateway gateway = TwilioSmsGateway.create(settings);
    gateways.add(gateway);
    return gateway;
  }

  private static OutboundSms sms(PhoneNumber to) {
    return new OutboundSms(UUID.randomUUID(), to, "Your repair is booked for Tuesday 9:00.");
  }

  private static OutboundSms sms(String to) {
    return sms(new PhoneNumber(to));
  }

  @Test
  void a_deliverable_number_is_sent_and_signed_status_callbacks_follow() throws Exception {
    OutboundSms sms = sms(DELIVERABLE);

    SendOutcome outcome = gateway(settings()).send(sms);

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    SendOutcome.Sent sent = (SendOutcome.Sent) outcome;
    assertThat(MessageSid.isWellFormed(sent.twilioSid())).isTrue();
    assertThat(sent.status()).isEqualTo(DeliveryStatus.QUEUED);
    Received first = webhooks.next();
    Received second = webhooks.next();
    for (Received callback : List.of(first, second)) {
      assertThat(callback.path()).isEqualTo("/webhook/twilio/status");
      assertThat(callback.rawQuery()).isEqualTo("message_id=" + sms.messageId());
      assertThat(callback.param("MessageSid")).isEqualTo(sent.twilioSid());
      assertThat(callback.param("SmsSid")).isEqualTo(sent.twilioSid());
      assertThat(callback.param("AccountSid")).isEqualTo(emulator.accountSid());
      assertThat(callback.param("To")).isEqualTo(DELIVERABLE.e164());
      assertThat(callback.param("From")).isEqualTo(SENDER);
      assertThat(callback.param("ApiVersion")).isEqualTo("2010-04-01");
      assertThat(callback.param("ErrorCode")).isNull();
      assertThat(callback.isSignedWith(emulator.authToken(), webhooks.baseUrl())).isTrue();
    }
    assertThat(List.of(first.param("MessageStatus"), second.param("MessageStatus")))
        .containsExactly("sent", "delivered");
    assertThat(second.param("SmsStatus")).isEqualTo("delivered");
    assertThat(emulator.messagesCreated()).isEqualTo(1);
  }

  @Test
  void pictures_go_out_as_media_urls_and_need_no_body() throws Exception {
    List<String> pictures =
        List.of("https://cdn.example.com/flyer.png", "https://cdn.example.com/repair.jpg?v=2");

    SendOutcome outcome =
        gateway(settings()).send(new OutboundSms(UUID.randomUUID(), DELIVERABLE, "", pictures));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    EmulatedMessage created = emulator.createdMessages().get(0);
    assertThat(created.mediaUrls()).containsExactlyElementsOf(pictures);
    assertThat(created.body()).isEmpty();
    assertThat(created.isMms()).isTrue();
    assertThat(emulator.mmsCreated()).isEqualTo(1);
  }

  @Test
  void a_text_with_pictures_keeps_both() {
    OutboundSms sms =
        new OutboundSms(
            UUID.randomUUID(), DELIVERABLE, "Flyer attached", List.of("https://x.example/a.png"));

    gateway(settings()).send(sms);

    EmulatedMessage created = emulator.createdMessages().get(0);
    assertThat(created.body()).isEqualTo("Flyer attached");
    assertThat(created.mediaUrls()).containsExactly("https://x.example/a.png");
  }

  @Test
  void the_price_is_read_from_twilio_once_the_message_settled() throws Exception {
    TwilioSmsGateway gateway = gateway(settings());
    SendOutcome.Sent sent = (SendOutcome.Sent) gateway.send(sms(DELIVERABLE));
    assertThat(gateway.lookupPrice(sent.twilioSid())).isInstanceOf(PriceLookup.NotYetPriced.class);
    webhooks.next();
    webhooks.next(); // delivered

    PriceLookup lookup = gateway.lookupPrice(sent.twilioSid());

    assertThat(lookup).isEqualTo(new PriceLookup.Priced(new BigDecimal("-0.00790"), "USD"));
  }

  @Test
  void the_price_of_a_message_twilio_does_not_know_is_not_found() {
    assertThat(gateway(settings()).lookupPrice("SM" + "0".repeat(32)))
        .isInstanceOf(PriceLookup.NotFound.class);
  }

  @Test
  void the_message_goes_out_with_our_sender_body_and_per_message_status_callback() {
    OutboundSms sms = sms(DELIVERABLE);

    gateway(settings()).send(sms);

    EmulatedMessage created = emulator.createdMessages().get(0);
    assertThat(created.to()).isEqualTo(DELIVERABLE.e164());
    assertThat(created.from()).isEqualTo(SENDER);
    assertThat(created.messagingServiceSid()).isNull();
    assertThat(created.body()).isEqualTo(sms.body());
    assertThat(created.statusCallback())
        .isEqualTo(webhooks.baseUrl() + "/webhook/twilio/status?message_id=" + sms.messageId());
  }

  @Test
  void a_configured_messaging_service_is_used_instead_of_a_from_number() {
    String service = "MG0123456789abcdef0123456789abcdef";
    TwilioSettings base = settings();
    TwilioSettings withService =
        new TwilioSettings(
            base.accountSid(),
            base.authToken(),
            SENDER,
            service,
            base.apiBaseUrl(),
            base.publicBaseUrl(),
            base.connectTimeout(),
            base.readTimeout(),
            base.retry());

    SendOutcome outcome = gateway(withService).send(sms(DELIVERABLE));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    EmulatedMessage created = emulator.createdMessages().get(0);
    assertThat(created.messagingServiceSid()).isEqualTo(service);
    assertThat(created.from()).isNull();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(TwilioEmulator.INVALID_NUMBER, "21211", false),
        Arguments.of(TwilioEmulator.CANNOT_ROUTE, "21612", false),
        Arguments.of(TwilioEmulator.REGION_NOT_ENABLED, "21408", false),
        Arguments.of(TwilioEmulator.NOT_MOBILE, "21614", false),
        Arguments.of(TwilioEmulator.UNSUBSCRIBED, "21610", true));
  }

  @ParameterizedTest(name = "{0} is rejected with {1}")
  @MethodSource("refusals")
  void a_permanent_refusal_is_rejected_with_its_code_and_not_retried(
      String to, String code, boolean optedOut) {
    SendOutcome outcome = gateway(settings()).send(sms(to));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class,
            rejected -> {
              assertThat(rejected.errorCode()).isEqualTo(code);
              assertThat(rejected.errorMessage()).isNotBlank();
              assertThat(rejected.recipientOptedOut()).isEqualTo(optedOut);
            });
    assertThat(emulator.createRequests()).isEqualTo(1);
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void a_sender_the_account_does_not_own_is_rejected_with_21606() {
    TwilioSettings base = settings();
    TwilioSettings notOwned =
        new TwilioSettings(
            base.accountSid(),
            base.authToken(),
            TwilioEmulator.NOT_OWNED_SENDER,
            null,
            base.apiBaseUrl(),
            base.publicBaseUrl(),
            base.connectTimeout(),
            base.readTimeout(),
            base.retry());

    SendOutcome outcome = gateway(notOwned).send(sms(DELIVERABLE));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("21606"));
  }

  @Test
  void a_body_over_1600_characters_is_rejected_with_21617() {
    SendOutcome outcome =
        gateway(settings()).send(new OutboundSms(UUID.randomUUID(), DELIVERABLE, "a".repeat(1601)));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("21617"));
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void a_wrong_auth_token_is_rejected_with_20003_and_sends_nothing() {
    TwilioSettings base = settings();
    TwilioSettings wrongToken =
        new TwilioSettings(
            base.accountSid(),
            "not-the-token",
            SENDER,
            null,
            base.apiBaseUrl(),
            base.publicBaseUrl(),
            base.connectTimeout(),
            base.readTimeout(),
            base.retry());

    SendOutcome outcome = gateway(wrongToken).send(sms(DELIVERABLE));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Rejected.class, r -> assertThat(r.errorCode()).isEqualTo("20003"));
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void a_throttled_send_is_retried_and_then_sent_once() {
    SendOutcome outcome = gateway(settings()).send(sms(TwilioEmulator.THROTTLED_EVERY_OTHER));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    assertThat(emulator.createRequests()).isEqualTo(2);
    assertThat(emulator.messagesCreated()).isEqualTo(1);
  }

  @Test
  void a_send_that_stays_throttled_gives_up_after_the_bounded_attempts_as_retry_later() {
    SendOutcome outcome = gateway(settings()).send(sms(TwilioEmulator.THROTTLED));

    assertThat(outcome).isInstanceOf(SendOutcome.RetryLater.class);
    assertThat(emulator.createRequests()).isEqualTo(QUICK_RETRIES.maxAttempts());
    assertThat(emulator.messagesCreated()).isZero();
  }

  @Test
  void a_server_error_after_the_message_was_created_is_unknown_and_never_sent_again() {
    SendOutcome outcome = gateway(settings()).send(sms(TwilioEmulator.SERVER_ERROR_AFTER_CREATE));

    assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
    assertThat(emulator.createRequests()).isEqualTo(1);
    assertThat(emulator.messagesCreated()).isEqualTo(1);
  }

  @Test
  void a_server_error_still_lets_the_status_callback_settle_the_message() throws Exception {
    OutboundSms sms = sms(TwilioEmulator.SERVER_ERROR_AFTER_CREATE);

    gateway(settings()).send(sms);

    Received callback = webhooks.next();
    assertThat(callback.rawQuery()).isEqualTo("message_id=" + sms.messageId());
    assertThat(callback.param("MessageSid")).isEqualTo(emulator.createdMessages().get(0).sid());
  }

  @Test
  void the_number_without_callbacks_creates_and_delivers_the_message_but_posts_nothing() {
    OutboundSms sms = sms(TwilioEmulator.SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS);

    SendOutcome outcome = gateway(settings()).send(sms);

    assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
    assertThat(emulator.createRequests()).isEqualTo(1);
    String sid = emulator.createdMessages().getFirst().sid();
    Eventually.await(
        "the message delivered",
        Duration.ofSeconds(10),
        () -> emulator.message(sid).orElseThrow().status().equals("delivered"));
    assertThat(webhooks.requests()).isZero();
  }

  @Test
  void the_list_holds_only_what_our_sender_sent() {
    PhoneNumber to = new PhoneNumber("+12015550177");
    Instant before = Instant.now().minusSeconds(2);
    SendOutcome ours = gateway(settings()).send(sms(to));
    TwilioSettings otherSender =
        new TwilioSettings(
            emulator.accountSid(),
            emulator.authToken(),
            "+15005550008",
            null,
            URI.create(emulator.baseUrl()),
            webhooks.baseUrl(),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            QUICK_RETRIES);
    gateway(otherSender).send(sms(to));
    Eventually.await(
        "both messages sent",
        Duration.ofSeconds(10),
        () ->
            emulator.createdMessagesTo(to.e164()).stream()
                .noneMatch(m -> m.status().equals("queued")));

    List<ProviderMessage> listed = gateway(settings()).sentTo(to, before);

    assertThat(listed)
        .extracting(ProviderMessage::providerMessageId)
        .containsExactly(((SendOutcome.Sent) ours).twilioSid());
    assertThat(listed.getFirst().body()).isEqualTo(sms(to).body());
  }

  @Test
  void a_list_twilio_cannot_answer_is_a_listing_failure_not_an_empty_list() {
    TwilioSettings wrongToken =
        new TwilioSettings(
            emulator.accountSid(),
            "not-the-auth-token",
            SENDER,
            null,
            URI.create(emulator.baseUrl()),
            webhooks.baseUrl(),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            QUICK_RETRIES);

    assertThatThrownBy(
            () -> gateway(wrongToken).sentTo(new PhoneNumber("+12015550177"), Instant.now()))
        .isInstanceOf(SmsGateway.ListingFailed.class)
        .hasMessageContaining("401");
  }

  @Test
  void an_answer_slower_than_the_read_timeout_is_unknown_and_never_sent_again() {
    TwilioSettings impatient =
        settings().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300));

    SendOutcome outcome = gateway(impatient).send(sms(TwilioEmulator.SLOW_ANSWER));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.Unknown.class, u -> assertThat(u.reason()).contains("did not answer"));
    assertThat(emulator.createRequests()).isEqualTo(1);
    assertThat(emulator.messagesCreated()).isEqualTo(1);
  }

  @Test
  void a_refused_connection_is_retry_later() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    TwilioSettings base = settings();
    TwilioSettings nowhere =
        new TwilioSettings(
            base.accountSid(),
            base.authToken(),
            SENDER,
            null,
            URI.create("http://127.0.0.1:" + closedPort),
            base.publicBaseUrl(),
            base.connectTimeout(),
            base.readTimeout(),
            base.retry());

    SendOutcome outcome = gateway(nowhere).send(sms(DELIVERABLE));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SendOutcome.RetryLater.class, r -> assertThat(r.reason()).contains("connect"));
  }

  @Test
  void a_connection_that_cannot_be_made_in_time_is_retry_later() throws IOException {
    // A listening socket whose accept queue is full: the kernel drops further connection
    // attempts, so connecting times out without a byte of the request being sent.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address = (InetSocketAddress) full.getLocalSocketAddress();
      List<Socket> queued = fillAcceptQueue(address);
      try {
        TwilioSettings base = settings();
        TwilioSettings stuck =
            new TwilioSettings(
                base.accountSid(),
                base.authToken(),
                SENDER,
                null,
                URI.create("http://127.0.0.1:" + address.getPort()),
                base.publicBaseUrl(),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                new TwilioSettings.Retry(
                    2, Duration.ofMillis(10), Duration.ofMillis(20), 0, Duration.ofSeconds(5)));

        SendOutcome outcome = gateway(stuck).send(sms(DELIVERABLE));

        assertThat(outcome)
            .isInstanceOfSatisfying(
                SendOutcome.RetryLater.class, r -> assertThat(r.reason()).contains("timed out"));
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  private static List<Socket> fillAcceptQueue(InetSocketAddress address) throws IOException {
    List<Socket> queued = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(address, 200);
        queued.add(socket);
      } catch (SocketTimeoutException full) {
        socket.close();
        return queued;
      }
    }
    throw new IllegalStateException("the accept queue never filled up");
  }

  @Test
  void an_undelivered_message_reports_error_30003_in_its_last_callback() throws Exception {
    SendOutcome outcome = gateway(settings()).send(sms(TwilioEmulator.UNDELIVERED));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    assertThat(webhooks.next().param("MessageStatus")).isEqualTo("sent");
    Received last = webhooks.next();
    assertThat(last.param("MessageStatus")).isEqualTo("undelivered");
    assertThat(last.param("ErrorCode")).isEqualTo("30003");
  }
}
