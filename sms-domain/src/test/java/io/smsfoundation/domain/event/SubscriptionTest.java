package io.smsfoundation.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  private static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");
  private static final EventRouting KNOWN =
      new EventRouting(UUID.randomUUID(), "tenant-1", "collections", false);
  private static final EventRouting UNKNOWN =
      new EventRouting(UUID.randomUUID(), null, null, false);

  private static Subscription subscription(
      Set<EventType> types, Set<String> workflows, boolean includeUnknown) {
    return Subscription.create(
        "sub_1",
        URI.create("https://workflows.example.com/hooks"),
        types,
        workflows,
        includeUnknown,
        null,
        WebhookSecret.fromKey(new byte[32]),
        AT);
  }

  @Test
  void a_message_from_an_unknown_number_reaches_only_subscriptions_that_ask_for_it() {
    Subscription plain = subscription(Set.of(EventType.MESSAGE_RECEIVED), Set.of(), false);
    Subscription curious = subscription(Set.of(EventType.MESSAGE_RECEIVED), Set.of(), true);

    assertThat(plain.accepts(EventType.MESSAGE_RECEIVED, KNOWN)).isTrue();
    assertThat(plain.accepts(EventType.MESSAGE_RECEIVED, UNKNOWN)).isFalse();
    assertThat(curious.accepts(EventType.MESSAGE_RECEIVED, UNKNOWN)).isTrue();
  }

  @Test
  void only_the_event_types_and_workflows_asked_for_are_delivered() {
    Subscription collections =
        subscription(
            Set.of(EventType.MESSAGE_RECEIVED, EventType.CONVERSATION_OPTED_OUT),
            Set.of("collections"),
            true);

    assertThat(collections.accepts(EventType.CONVERSATION_OPTED_OUT, KNOWN)).isTrue();
    assertThat(collections.accepts(EventType.MESSAGE_STATUS_UPDATED, KNOWN)).isFalse();
    assertThat(
            collections.accepts(
                EventType.MESSAGE_RECEIVED,
                new EventRouting(UUID.randomUUID(), "tenant-1", "maintenance", false)))
        .isFalse();
    assertThat(collections.accepts(EventType.MESSAGE_RECEIVED, UNKNOWN)).isFalse();
  }

  @Test
  void a_throttled_senders_events_reach_no_subscription() {
    Subscription all = subscription(Set.of(EventType.MESSAGE_RECEIVED), Set.of(), true);

    assertThat(
            all.accepts(
                EventType.MESSAGE_RECEIVED,
                new EventRouting(UUID.randomUUID(), "tenant-1", null, true)))
        .isFalse();
  }

  @Test
  void a_rotated_out_secret_keeps_signing_for_a_day() {
    Subscription before = subscription(Set.of(EventType.MESSAGE_RECEIVED), Set.of(), false);
    WebhookSecret next =
        WebhookSecret.fromKey(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });

    Subscription rotated = before.rotatedTo(next, AT);

    assertThat(rotated.signingSecrets(AT.plus(Duration.ofHours(23))))
        .containsExactly(next, before.secret());
    assertThat(rotated.signingSecrets(AT.plus(Duration.ofHours(24)))).containsExactly(next);
  }

  @Test
  void a_subscription_failing_for_five_days_is_switched_off_and_a_success_forgives() {
    Subscription s = subscription(Set.of(EventType.MESSAGE_RECEIVED), Set.of(), false);

    Subscription failing = s.afterFailure(AT);
    assertThat(failing.failingSince()).isEqualTo(AT);
    Subscription stillFailing = failing.afterFailure(AT.plus(Duration.ofDays(4)));
    assertThat(stillFailing.enabled()).isTrue();
    assertThat(stillFailing.afterSuccess(AT.plus(Duration.ofDays(4))).failingSince()).isNull();

    Subscription off = stillFailing.afterFailure(AT.plus(Duration.ofDays(5)));
    assertThat(off.enabled()).isFalse();
    assertThat(off.disabledReason()).contains("5 days");
    assertThat(off.accepts(EventType.MESSAGE_RECEIVED, KNOWN)).isFalse();
  }

  @Test
  void the_schedule_retries_seven_times_with_jitter_then_stops() {
    DeliverySchedule schedule = DeliverySchedule.standard();

    assertThat(schedule.maxAttempts()).isEqualTo(8);
    assertThat(schedule.nextDelay(1, 0.5)).contains(Duration.ofSeconds(5));
    assertThat(schedule.nextDelay(2, 0.5)).contains(Duration.ofMinutes(5));
    assertThat(schedule.nextDelay(7, 0.5)).contains(Duration.ofHours(10));
    assertThat(schedule.nextDelay(8, 0.5)).isEmpty();
    assertThat(schedule.nextDelay(1, 0.0).orElseThrow()).isEqualTo(Duration.ofMillis(4500));
    assertThat(schedule.nextDelay(1, 0.999).orElseThrow()).isLessThan(Duration.ofMillis(5501));
  }
}
