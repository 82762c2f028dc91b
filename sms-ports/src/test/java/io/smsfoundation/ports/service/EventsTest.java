package io.smsfoundation.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.WebhookSecret;
import io.smsfoundation.domain.event.WebhookSignature;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.ports.in.JobHandler.JobResult;
import io.smsfoundation.ports.in.ManageSubscriptions.Created;
import io.smsfoundation.ports.in.ManageSubscriptions.DeliveryQuery;
import io.smsfoundation.ports.in.ManageSubscriptions.NewSubscription;
import io.smsfoundation.ports.in.ManageSubscriptions.RetryOutcome;
import io.smsfoundation.ports.in.ReadEvents.EventQuery;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.in.SetTenant.TenantCommand;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.Job;
import io.smsfoundation.ports.out.TenantProfile;
import io.smsfoundation.ports.out.WebhookSender;
import io.smsfoundation.ports.out.WebhookSender.SendAttempt;
import io.smsfoundation.ports.out.WebhookSender.WebhookPost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events through the real use cases on in-memory adapters: written with their change, read in the
 * feed, delivered to the subscriptions that want them, signed, retried.
 */
class EventsTest {

  private final Harness h = new Harness();

  private Created subscribe(Set<EventType> types, boolean includeUnknown) {
    return h.services
        .manageSubscriptions()
        .create(
            new NewSubscription(
                "https://workflows.example.com/hooks", types, Set.of(), includeUnknown, null));
  }

  private List<Event> feed() {
    return h.services.readEvents().read(new EventQuery(0, Set.of(), 1000)).events();
  }

  private void knownTenant(String phone) {
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-7", List.of(phone), Language.UNKNOWN));
    h.receive(phone, "hello");
    h.runJobs();
  }

  @Test
  void a_known_tenants_message_is_in_the_feed_and_delivered_signed_once() {
    knownTenant("+12015550101");
    Created subscription = subscribe(Set.of(EventType.MESSAGE_RECEIVED), false);

    h.receive("+12015550101", "the sink is leaking");
    h.runJobs();

    Event received = feed().getLast();
    assertThat(received.type()).isEqualTo(EventType.MESSAGE_RECEIVED);
    assertThat(received.routing().tenantId()).isEqualTo("tenant-7");
    assertThat(received.data())
        .contains("\"tenant_id\":\"tenant-7\"")
        .contains("\"phone_number\":\"+12015550101\"");
    List<WebhookPost> posts = h.adapters.webhookSender().posts();
    assertThat(posts).hasSize(1);
    WebhookPost post = posts.getFirst();
    assertThat(post.headers()).containsEntry("webhook-id", received.id());
    long timestamp = Long.parseLong(post.headers().get("webhook-timestamp"));
    assertThat(post.headers().get("webhook-signature"))
        .isEqualTo(
            WebhookSignature.sign(subscription.secret(), received.id(), timestamp, post.body()));
    assertThat(new String(post.body(), StandardCharsets.UTF_8))
        .startsWith("{\"id\":\"" + received.id() + "\",\"type\":\"message.received\"")
        .contains("\"data\":" + received.data());
  }

  @Test
  void an_unknown_numbers_message_reaches_only_include_unknown_subscriptions_and_always_the_feed() {
    Created plain = subscribe(Set.of(EventType.MESSAGE_RECEIVED), false);
    Created curious = subscribe(Set.of(EventType.MESSAGE_RECEIVED), true);

    h.receive("+12015550102", "who is this?");
    h.runJobs();

    assertThat(feed()).extracting(Event::type).containsExactly(EventType.MESSAGE_RECEIVED);
    assertThat(h.adapters.webhookSender().posts())
        .extracting(WebhookPost::subscriptionId)
        .containsExactly(curious.subscription().id());
    assertThat(plain.subscription().id()).isNotEqualTo(curious.subscription().id());
  }

  @Test
  void a_fast_subscribers_deliveries_wait_for_a_free_post_rather_than_go_back_to_the_queue()
      throws Exception {
    InMemoryAdapters adapters = InMemoryAdapters.create();
    WebhookSender takesSixtyMillis =
        post -> {
          try {
            Thread.sleep(60);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new SendAttempt.Answered(200, Duration.ofMillis(60));
        };
    SmsServices.Ports base = adapters.ports();
    SmsServices services =
        SmsServices.create(
            new SmsServices.Ports(
                base.unitOfWork(),
                base.conversations(),
                base.messages(),
                base.usage(),
                base.tenantNumbers(),
                base.tenantDirectory(),
                base.smsGateway(),
                base.jobQueue(),
                base.events(),
                base.subscriptions(),
                base.eventPayloads(),
                takesSixtyMillis),
            SmsServices.Settings.defaults());
    Created subscription =
        services
            .manageSubscriptions()
            .create(
                new NewSubscription(
                    "https://workflows.example.com/hooks",
                    Set.of(EventType.MESSAGE_RECEIVED),
                    Set.of(),
                    true,
                    null));
    for (int i = 0; i < 6; i++) {
      services
          .receiveInbound()
          .receive(Harness.inbound(Harness.sid(), "+1201555020" + i, "hello " + i));
    }
    List<Delivery> pending =
        adapters
            .subscriptions()
            .deliveries(
                subscription.subscription().id(),
                Optional.of(Delivery.Status.PENDING),
                Optional.empty(),
                10);
    assertThat(pending).hasSize(6);

    // six deliveries at once to a subscriber taking two posts at a time, 60 ms each: each waits
    // for a free post (well within the slot wait) instead of being sent back to the queue
    List<JobResult> results = new ArrayList<>();
    try (ExecutorService jobs = Executors.newFixedThreadPool(6)) {
      List<Future<JobResult>> running = new ArrayList<>();
      for (Delivery delivery : pending) {
        running.add(
            jobs.submit(
                () ->
                    services.jobHandler().handle(new Job(Job.Type.DELIVER_EVENT, delivery.id()))));
      }
      for (Future<JobResult> result : running) {
        results.add(result.get(10, TimeUnit.SECONDS));
      }
    }

    assertThat(results)
        .hasSize(6)
        .allSatisfy(r -> assertThat(r).isInstanceOf(JobResult.Done.class));
  }

  @Test
  void a_receiver_answering_500_then_200_gets_the_same_webhook_id_twice_and_it_ends_delivered() {
    Created subscription = subscribe(Set.of(EventType.MESSAGE_RECEIVED), true);
    h.adapters.webhookSender().answerNext(500);

    h.receive("+12015550103", "hola");
    h.runJobs();

    List<WebhookPost> posts = h.adapters.webhookSender().posts();
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).headers().get("webhook-id"))
        .isEqualTo(posts.get(1).headers().get("webhook-id"));
    Delivery delivery =
        h.services
            .manageSubscriptions()
            .deliveries(
                subscription.subscription().id(),
                new DeliveryQuery(Optional.empty(), Optional.empty(), 10))
            .orElseThrow()
            .getFirst();
    assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
    assertThat(delivery.attempts()).isEqualTo(2);
  }

  @Test
  void a_delivery_that_fails_every_attempt_is_listed_failed_and_can_be_retried_by_hand() {
    Created subscription = subscribe(Set.of(EventType.MESSAGE_RECEIVED), true);
    h.adapters.webhookSender().answerNext(500, 500, 500, 500, 500, 500, 500, 500);

    h.receive("+12015550104", "anyone?");
    h.runJobs();

    String id = subscription.subscription().id();
    List<Delivery> failed =
        h.services
            .manageSubscriptions()
            .deliveries(
                id, new DeliveryQuery(Optional.of(Delivery.Status.FAILED), Optional.empty(), 10))
            .orElseThrow();
    assertThat(failed).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(8));
    assertThat(h.adapters.webhookSender().posts()).hasSize(8);

    RetryOutcome retried =
        h.services.manageSubscriptions().retryDelivery(id, failed.getFirst().id());
    h.runJobs();

    assertThat(retried).isInstanceOf(RetryOutcome.Retried.class);
    assertThat(h.services.manageSubscriptions().get(id).orElseThrow().enabled()).isTrue();
    assertThat(
            h.services
                .manageSubscriptions()
                .deliveries(id, new DeliveryQuery(Optional.empty(), Optional.empty(), 10))
                .orElseThrow()
                .getFirst()
                .status())
        .isEqualTo(Delivery.Status.DELIVERED);
  }

  @Test
  void a_rotated_secret_signs_beside_the_old_one() {
    Created first = subscribe(Set.of(EventType.MESSAGE_RECEIVED), true);
    Created rotated =
        h.services.manageSubscriptions().rotateSecret(first.subscription().id()).orElseThrow();

    h.receive("+12015550105", "hi");
    h.runJobs();

    WebhookPost post = h.adapters.webhookSender().posts().getFirst();
    String id = post.headers().get("webhook-id");
    long timestamp = Long.parseLong(post.headers().get("webhook-timestamp"));
    assertThat(post.headers().get("webhook-signature").split(" "))
        .containsExactly(
            sign(rotated.secret(), id, timestamp, post.body()),
            sign(first.secret(), id, timestamp, post.body()));
  }

  private static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    return WebhookSignature.sign(secret, id, timestamp, body);
  }

  @Test
  void status_moves_opt_outs_and_tenant_links_are_events_too() {
    h.receive("+12015550106", "hello");
    h.receive("+12015550106", "and again");
    h.adapters
        .tenantDirectory()
        .put(new TenantProfile("tenant-9", List.of("+12015550106"), Language.UNKNOWN));
    h.runJobs();
    SendResult sent =
        h.services.sendSms().send(new SendCommand("+12015550106", null, null, "Rent due", null));
    h.runJobs();
    UUID messageId = ((SendResult.Accepted) sent).receipt().messageId();
    h.status(messageId, h.message(messageId).twilioSid(), "delivered");
    h.receive("+12015550106", "STOP");

    List<Event> events = feed();
    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            EventType.MESSAGE_RECEIVED,
            EventType.MESSAGE_RECEIVED,
            EventType.CONVERSATION_TENANT_LINKED,
            EventType.MESSAGE_STATUS_UPDATED,
            EventType.MESSAGE_STATUS_UPDATED,
            EventType.MESSAGE_RECEIVED,
            EventType.CONVERSATION_OPTED_OUT);
    assertThat(events.get(2).data())
        .contains("\"tenant_id\":\"tenant-9\"")
        .contains("\"unknown_message_count\":2");
    assertThat(events.get(4).data())
        .contains("\"previous_status\":\"queued\"")
        .contains("\"status\":\"delivered\"");
  }

  @Test
  void a_tenant_set_by_hand_over_a_directory_link_is_a_tenant_changed_event() {
    knownTenant("+12015550107");
    Created subscription = subscribe(Set.of(EventType.CONVERSATION_TENANT_CHANGED), false);

    h.services.setTenant().set(new TenantCommand("+12015550107", "tenant-8"));
    h.services.setTenant().set(new TenantCommand("+12015550107", "tenant-8"));
    h.runJobs();

    List<Event> changes =
        feed().stream().filter(e -> e.type() == EventType.CONVERSATION_TENANT_CHANGED).toList();
    assertThat(changes)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data())
                    .contains("\"tenant_id\":\"tenant-8\"")
                    .contains("\"previous_tenant_id\":\"tenant-7\"")
                    .contains("\"tenant_source\":\"manual\""));
    assertThat(h.adapters.webhookSender().posts())
        .extracting(WebhookPost::subscriptionId)
        .containsExactly(subscription.subscription().id());
  }
}
