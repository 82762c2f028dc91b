package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.usage.UsageThreshold;
import io.smsfoundation.ports.in.CheckUsageThreshold.ThresholdCheck;
import io.smsfoundation.ports.in.ManageSubscriptions.NewSubscription;
import io.smsfoundation.ports.in.ReadEvents.EventQuery;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.out.PriceLookup;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Usage in the services: processing times, the price job, and the daily segment threshold announced
 * once however many instances check.
 */
class UsageServicesTest {

  private static final String PHONE = "+12015550177";

  private final Harness h = new Harness(new UsageThreshold(3));

  private List<Event> thresholdEvents() {
    return h.services
        .readEvents()
        .read(new EventQuery(0, Set.of(EventType.USAGE_THRESHOLD_REACHED), 100))
        .events();
  }

  private UUID send(String body) {
    SendResult result = h.services.sendSms().send(new SendCommand(PHONE, null, null, body, null));
    return ((SendResult.Accepted) result).receipt().messageId();
  }

  @Test
  void a_day_past_its_threshold_is_announced_once() {
    h.receive(PHONE, "one");
    h.receive(PHONE, "two");
    h.receive(PHONE, "three");
    assertThat(h.services.checkUsageThreshold().check())
        .isEqualTo(new ThresholdCheck.Below(LocalDate.parse("2026-05-04"), 3));

    h.receive(PHONE, "four");
    ThresholdCheck first = h.services.checkUsageThreshold().check();
    ThresholdCheck again = h.services.checkUsageThreshold().check();

    assertThat(first).isEqualTo(new ThresholdCheck.Announced(LocalDate.parse("2026-05-04"), 4));
    assertThat(again)
        .isEqualTo(new ThresholdCheck.AnnouncedBefore(LocalDate.parse("2026-05-04"), 4));
    List<Event> events = thresholdEvents();
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().data())
        .contains("\"day\"", "2026-05-04", "\"segments\"", "\"threshold\"");
  }

  @Test
  void two_instances_checking_the_same_day_announce_it_once() {
    for (int i = 0; i < 4; i++) {
      h.receive(PHONE, "message " + i);
    }
    var other = h.services(new UsageThreshold(3));

    ThresholdCheck one = h.services.checkUsageThreshold().check();
    ThresholdCheck two = other.checkUsageThreshold().check();

    assertThat(List.of(one, two))
        .hasExactlyElementsOfTypes(
            ThresholdCheck.Announced.class, ThresholdCheck.AnnouncedBefore.class);
    assertThat(thresholdEvents()).hasSize(1);
  }

  @Test
  void the_next_day_is_announced_again_when_it_passes_the_threshold() {
    for (int i = 0; i < 4; i++) {
      h.receive(PHONE, "message " + i);
    }
    h.services.checkUsageThreshold().check();
    h.clock.advance(Duration.ofDays(1));
    assertThat(h.services.checkUsageThreshold().check()).isInstanceOf(ThresholdCheck.Below.class);

    for (int i = 0; i < 4; i++) {
      h.receive(PHONE, "message " + i);
    }

    assertThat(h.services.checkUsageThreshold().check())
        .isEqualTo(new ThresholdCheck.Announced(LocalDate.parse("2026-05-05"), 4));
    assertThat(thresholdEvents()).hasSize(2);
  }

  @Test
  void the_threshold_event_reaches_a_subscription_that_asked_for_it() {
    h.services
        .manageSubscriptions()
        .create(
            new NewSubscription(
                "https://billing.example.com/hooks",
                Set.of(EventType.USAGE_THRESHOLD_REACHED),
                Set.of(),
                false,
                null));
    for (int i = 0; i < 4; i++) {
      h.receive(PHONE, "message " + i);
    }

    h.services.checkUsageThreshold().check();
    h.runJobs();

    assertThat(h.adapters.webhookSender().posts()).hasSize(1);
  }

  @Test
  void no_threshold_checks_nothing() {
    Harness off = new Harness();
    off.receive(PHONE, "one");

    assertThat(off.services.checkUsageThreshold().check()).isEqualTo(new ThresholdCheck.Off());
  }

  @Test
  void an_inbound_message_counts_the_time_it_took_before_the_service_got_it() {
    InboundOutcome outcome =
        h.services
            .receiveInbound()
            .receive(
                Harness.inbound(Harness.sid(), PHONE, "hi").afterTaking(Duration.ofMillis(40)));

    Message stored = h.message(((InboundOutcome.Accepted) outcome).messageId());
    // the test clock ticks a millisecond on every reading
    assertThat(stored.usage().processingMs()).isBetween(40L, 50L);
  }

  @Test
  void an_outbound_message_counts_from_its_acceptance_to_the_providers_answer() {
    UUID id = send("Your rent is due.");
    h.clock.advance(Duration.ofMillis(1500));

    h.runJobs();

    assertThat(h.message(id).usage().processingMs()).isBetween(1500L, 1520L);
  }

  @Test
  void a_settled_message_gets_the_price_the_provider_reports() {
    UUID id = send("Your rent is due.");
    h.runJobs();
    String sid = h.message(id).twilioSid();
    h.adapters.smsGateway().price(sid, new PriceLookup.Priced(new BigDecimal("-0.0079"), "USD"));

    h.status(id, sid, "delivered");
    h.runJobs();

    Message priced = h.message(id);
    assertThat(priced.usage().price()).isEqualByComparingTo("-0.0079");
    assertThat(priced.usage().priceUnit()).isEqualTo("USD");
  }

  @Test
  void a_message_not_settled_is_not_priced() {
    UUID id = send("Your rent is due.");
    h.runJobs();
    String sid = h.message(id).twilioSid();
    h.adapters.smsGateway().price(sid, new PriceLookup.Priced(new BigDecimal("-0.0079"), "USD"));

    h.status(id, sid, "sent");
    h.runJobs();

    assertThat(h.message(id).usage().price()).isNull();
  }
}
