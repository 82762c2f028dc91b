package io.smsfoundation.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.SendOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our SDK transport: routing to the emulator, reading, and answers that are not Twilio's. */
class SdkHttpClientTest {

  private TwilioEmulator emulator;
  private SdkHttpClient transport;
  private TwilioRestClient client;

  @BeforeEach
  void start() {
    emulator = TwilioEmulator.start();
    transport =
        new SdkHttpClient(
            URI.create(emulator.baseUrl() + "/"), Duration.ofSeconds(1), Duration.ofSeconds(2));
    client =
        new TwilioRestClient.Builder(emulator.accountSid(), emulator.authToken())
            .httpClient(transport)
            .build();
  }

  @AfterEach
  void stop() {
    transport.close();
    emulator.close();
  }

  @Test
  void the_sdk_creates_fetches_and_lists_messages_on_the_emulator() {
    Message created =
        Message.creator(new PhoneNumber("+12015550123"), new PhoneNumber("+15005550006"), "Hello")
            .create(client);

    Message fetched = Message.fetcher(created.getSid()).fetch(client);
    ResourceSet<Message> listed =
        Message.reader().setTo(new PhoneNumber("+12015550123")).read(client);

    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(fetched.getTo()).isEqualTo("+12015550123");
    assertThat(fetched.getNumSegments()).isEqualTo("1");
    assertThat(fetched.getDateCreated()).isNotNull();
    List<String> sids = new ArrayList<>();
    listed.forEach(m -> sids.add(m.getSid()));
    assertThat(sids).containsExactly(created.getSid());
  }

  @Test
  void the_sdk_reads_messages_to_a_number_sent_after_a_time_page_by_page() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(
          Message.creator(
                  new PhoneNumber("+12015550124"), new PhoneNumber("+15005550006"), "Hello " + i)
              .create(client)
              .getSid());
    }
    Message.creator(new PhoneNumber("+12015550199"), new PhoneNumber("+15005550006"), "Other")
        .create(client);
    // date_sent is set once a message leaves the queue
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (created.stream()
            .anyMatch(sid -> emulator.message(sid).orElseThrow().status().equals("queued"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    List<String> read = new ArrayList<>();
    Message.reader()
        .setTo(new PhoneNumber("+12015550124"))
        .setDateSentAfter(before.atZone(ZoneOffset.UTC))
        .pageSize(3)
        .read(client)
        .forEach(m -> read.add(m.getSid()));
    List<String> later = new ArrayList<>();
    Message.reader()
        .setTo(new PhoneNumber("+12015550124"))
        .setDateSentAfter(Instant.now().plusSeconds(3600).atZone(ZoneOffset.UTC))
        .read(client)
        .forEach(m -> later.add(m.getSid()));

    assertThat(read).containsExactlyElementsOf(created.reversed());
    assertThat(later).isEmpty();
  }

  @Test
  void an_answer_without_a_twilio_body_keeps_its_http_status() throws IOException {
    AtomicInteger posts = new AtomicInteger();
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int status = posts.incrementAndGet() == 1 ? 502 : 429;
            byte[] html = "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, html.length);
            exchange.getResponseBody().write(html);
          }
        });
    proxy.start();
    TwilioSettings settings =
        new TwilioSettings(
            emulator.accountSid(),
            emulator.authToken(),
            "+15005550006",
            null,
            URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()),
            URI.create("https://sms.example.com"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            TwilioSettings.Retry.NONE);
    try (TwilioSmsGateway gateway = TwilioSmsGateway.create(settings)) {
      OutboundSms sms =
          new OutboundSms(
              UUID.randomUUID(),
              new io.smsfoundation.domain.phone.PhoneNumber("+12015550123"),
              "Hi");

      SendOutcome badGateway = gateway.send(sms);
      SendOutcome throttled = gateway.send(sms);

      assertThat(badGateway)
          .isInstanceOfSatisfying(
              SendOutcome.Unknown.class, u -> assertThat(u.reason()).contains("HTTP 502"));
      assertThat(throttled).isInstanceOf(SendOutcome.RetryLater.class);
      assertThat(posts.get()).isEqualTo(2);
    } finally {
      proxy.stop(0);
    }
  }
}
