package io.smsfoundation.app;

import static io.smsfoundation.app.RepliesEndToEndTest.messages;
import static io.smsfoundation.app.TestApplication.eventually;
import static io.smsfoundation.app.TestApplication.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.app.config.ReplyConfig;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sender over its inbound rate, over real HTTP: every message is stored and answered 200, those
 * over the rate are marked throttled, get no answer and reach no subscriber, and stay in the feed.
 * The service's clock stands still, so that the bucket refills nothing while the test posts.
 */
class InboundRateEndToEndTest {

  private static final String SENDER = "+12015557001";

  private static TestApplication app;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() {
    app =
        TestApplication.start(
            Map.of(
                ReplyConfig.SMS_INBOUND_RATE_PER_SENDER_PER_MINUTE, "20",
                ReplyConfig.SMS_REPLIES_PER_HOUR, "100"),
            Clock.fixed(Instant.now(), ZoneOffset.UTC));
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stop() {
    app.close();
    receiver.close();
  }

  @Test
  void thirty_messages_in_a_minute_store_thirty_and_throttle_ten() throws Exception {
    HttpResponse<String> subscribed =
        app.postJson(
            "/subscriptions",
            "{\"url\": \""
                + receiver.url()
                + "\", \"event_types\": [\"message.received\"], \"include_unknown\": true}");
    assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
    List<Integer> answers = new ArrayList<>();

    for (int i = 0; i < 30; i++) {
      answers.add(messages(app.inbound(SENDER, "HELP")).size());
    }

    assertThat(answers.subList(0, 20)).containsOnly(1);
    assertThat(answers.subList(20, 30)).containsOnly(0);
    JsonNode page =
        json(app.get("/conversations/" + TestApplication.encode(SENDER) + "?limit=100"));
    List<JsonNode> inbound =
        StreamSupport.stream(page.get("messages").spliterator(), false)
            .filter(m -> m.get("direction").asText().equals("inbound"))
            .toList();
    assertThat(inbound).hasSize(30);
    List<JsonNode> throttled =
        inbound.stream().filter(m -> m.get("throttled").asBoolean()).toList();
    assertThat(throttled).hasSize(10);
    Set<String> throttledIds = new HashSet<>();
    throttled.forEach(m -> throttledIds.add(m.get("id").asText()));
    assertThat(
            StreamSupport.stream(page.get("messages").spliterator(), false)
                .filter(m -> m.get("direction").asText().equals("outbound"))
                .map(m -> m.get("reply_to").asText()))
        .hasSize(20)
        .doesNotContainAnyElementsOf(throttledIds);

    Set<String> delivered = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      JsonNode event = TestApplication.JSON.readTree(receiver.next(Duration.ofSeconds(30)).body());
      delivered.add(event.at("/data/message/id").asText());
    }
    Thread.sleep(1_000);
    assertThat(receiver.drained()).as("no delivery of a throttled message").isEmpty();
    assertThat(delivered).hasSize(20).doesNotContainAnyElementsOf(throttledIds);
    JsonNode feed =
        eventually(
            () -> json(app.get("/events?types=message.received&limit=100")),
            events -> events.get("events").size() >= 30);
    assertThat(feed.get("events")).hasSize(30);
  }
}
