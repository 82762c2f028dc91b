package io.smsfoundation.ports.contract;

import static io.smsfoundation.ports.contract.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSecret;
import io.smsfoundation.ports.out.SubscriptionStore;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionStore} must do. */
public abstract class SubscriptionStoreContract {

  private static final SecureRandom RANDOM = new SecureRandom();

  protected abstract EventFixture newFixture();

  private EventFixture fixture;
  private SubscriptionStore store;

  @BeforeEach
  void setUpStore() {
    fixture = newFixture();
    store = fixture.subscriptions();
  }

  static WebhookSecret secret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return WebhookSecret.fromKey(key);
  }

  static Subscription subscription(String id, long createdAtSeconds) {
    return Subscription.create(
        id,
        URI.create("https://workflows.example.com/hooks/" + id),
        Set.of(EventType.MESSAGE_RECEIVED, EventType.CONVERSATION_OPTED_OUT),
        Set.of("collections"),
        true,
        "collections workflow",
        secret(),
        at(createdAtSeconds));
  }

  private Event committedEvent() {
    Event event = EventStoreContract.event(EventType.MESSAGE_RECEIVED);
    fixture
        .unitOfWork()
        .inTransaction(
            tx -> {
              fixture.events().append(event);
              return null;
            });
    return event;
  }

  private static String deliveryId(int n) {
    return String.format("dlv_%032d", n);
  }

  @Test
  void a_subscription_reads_back_field_for_field_and_lists_oldest_first() {
    Subscription first = subscription("sub_1", 1);
    Subscription second = subscription("sub_2", 2).rotatedTo(secret(), at(3));

    store.create(second);
    store.create(first);

    assertThat(store.findById("sub_2")).contains(second);
    assertThat(store.list()).containsExactly(first, second);
    assertThat(store.findById("sub_nope")).isEmpty();
  }

  @Test
  void only_enabled_subscriptions_are_offered_events() {
    Subscription on = subscription("sub_on", 1);
    Subscription off = subscription("sub_off", 2);
    store.create(on);
    store.create(off);

    Subscription disabled =
        off.changed(
            off.url(),
            off.eventTypes(),
            off.workflowTypes(),
            off.includeUnknown(),
            off.description(),
            false,
            at(5));
    assertThat(store.update(disabled)).isTrue();

    assertThat(store.enabled()).containsExactly(on);
    assertThat(store.findById("sub_off")).contains(disabled);
    assertThat(store.update(subscription("sub_missing", 1))).isFalse();
  }

  @Test
  void deliveries_page_newest_first_by_status_and_go_with_their_subscription() {
    store.create(subscription("sub_1", 1));
    Event event1 = committedEvent();
    Event event2 = committedEvent();
    Event event3 = committedEvent();
    Delivery d1 = Delivery.pending(deliveryId(1), "sub_1", event1, at(10));
    Delivery d2 = Delivery.pending(deliveryId(2), "sub_1", event2, at(11));
    Delivery d3 = Delivery.pending(deliveryId(3), "sub_1", event3, at(12));
    store.createDelivery(d1);
    store.createDelivery(d2);
    store.createDelivery(d3);
    Delivery failed = d2.attemptFailed(500, "HTTP 500", at(13), null);
    store.updateDelivery(failed);

    assertThat(store.findDelivery(d2.id())).contains(failed);
    assertThat(store.deliveries("sub_1", Optional.empty(), Optional.empty(), 10))
        .containsExactly(d3, failed, d1);
    assertThat(store.deliveries("sub_1", Optional.empty(), Optional.of(d3.id()), 1))
        .containsExactly(failed);
    assertThat(store.deliveries("sub_1", Optional.of(Delivery.Status.FAILED), Optional.empty(), 10))
        .containsExactly(failed);
    assertThat(store.oldestPending()).contains(at(10));

    assertThat(store.delete("sub_1")).isTrue();
    assertThat(store.findDelivery(d1.id())).isEmpty();
    assertThat(store.oldestPending()).isEmpty();
    assertThat(store.delete("sub_1")).isFalse();
  }

  @Test
  void a_delivery_keeps_its_attempt_history() {
    store.create(subscription("sub_1", 1));
    Event event = committedEvent();
    Delivery pending = Delivery.pending(deliveryId(7), "sub_1", event, at(10));
    store.createDelivery(pending);

    Delivery retrying = pending.attemptFailed(null, "timed out", at(11), at(16));
    store.updateDelivery(retrying);
    assertThat(store.findDelivery(pending.id())).contains(retrying);

    Delivery delivered = retrying.delivered(204, at(17));
    store.updateDelivery(delivered);
    Delivery read = store.findDelivery(pending.id()).orElseThrow();
    assertThat(read.status()).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(read.attempts()).isEqualTo(2);
    assertThat(read.lastResponseStatus()).isEqualTo(204);
    assertThat(read.deliveredAt()).isEqualTo(at(17));
    assertThat(store.updateDelivery(Delivery.pending(deliveryId(8), "sub_1", event, at(1))))
        .isFalse();
  }

  @Test
  void a_subscription_with_a_rotated_secret_keeps_both_secrets() {
    Subscription rotated = subscription("sub_1", 1).rotatedTo(secret(), at(2));
    store.create(rotated);

    Subscription read = store.findById("sub_1").orElseThrow();
    assertThat(read.signingSecrets(at(3))).containsExactlyElementsOf(rotated.signingSecrets(at(3)));
    assertThat(read.signingSecrets(at(3))).hasSize(2);
    assertThat(List.of(read.secret(), read.previousSecret()))
        .doesNotHaveDuplicates()
        .doesNotContainNull();
  }
}
