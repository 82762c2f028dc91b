package io.smsfoundation.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import io.smsfoundation.ports.in.ReconcileUnknownConversations;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.memory.PlainEventPayloads;
import io.smsfoundation.ports.out.TenantProfile;
import io.smsfoundation.ports.service.SmsServices;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Links are counted by what triggered them, with the real services over the in-memory adapters: the
 * conversation's own inbound message, or the reconciliation of unknown conversations.
 */
class TenantLinksTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final TenantLinks links = new TenantLinks(registry);
  private final InMemoryAdapters memory = InMemoryAdapters.create();
  private Duration ahead = Duration.ZERO;
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.Instant instant() {
          return Clock.systemUTC().instant().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
          return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
  private final SmsServices services =
      SmsServices.create(
          new SmsServices.Ports(
              memory.unitOfWork(),
              links.store(memory.conversations()),
              memory.messages(),
              memory.usage(),
              memory.tenantNumbers(),
              memory.tenantDirectory(),
              memory.smsGateway(),
              links.jobQueue(memory.jobQueue()),
              memory.events(),
              memory.subscriptions(),
              new PlainEventPayloads(),
              memory.webhookSender()),
          new SmsServices.Settings(
              SmsServices.Settings.defaults().phones(),
              SmsServices.Settings.defaults().languageDetector(),
              Duration.ofSeconds(2),
              Duration.ZERO,
              clock));

  {
    memory.jobQueue().handleWith(services.jobHandler());
  }

  private void receive(String from) {
    String sid = "SM" + Integer.toHexString(from.hashCode()).repeat(8).substring(0, 32);
    services.receiveInbound().receive(InboundSms.text(sid, from, "+15005550006", "hello"));
    memory.jobQueue().runUntilIdle(5);
  }

  private double linked(String trigger) {
    return registry.get(ServiceMetrics.TENANT_LINKS).tag("trigger", trigger).counter().count();
  }

  @Test
  void a_tenant_known_at_first_contact_is_linked_after_the_inbound_message() {
    memory.tenantDirectory().put(new TenantProfile("t-1", List.of("+12015550111"), Language.EN));

    receive("+12015550111");

    assertThat(linked("inbound")).isEqualTo(1);
    assertThat(linked("reconciliation")).isZero();
  }

  @Test
  void a_tenant_found_later_is_linked_by_the_reconciliation() {
    receive("+12015550222");
    assertThat(linked("inbound")).isZero();
    memory.tenantDirectory().put(new TenantProfile("t-2", List.of("+12015550222"), Language.EN));
    ReconcileUnknownConversations reconciliation =
        links.reconciliation(services.reconcileUnknownConversations());
    // the next lookup of a number nobody knew is due an hour later
    ahead = Duration.ofMinutes(61);

    int scheduled = reconciliation.reconcile(10);
    memory.jobQueue().runUntilIdle(5);

    assertThat(scheduled).isEqualTo(1);
    assertThat(linked("reconciliation")).isEqualTo(1);
    assertThat(linked("inbound")).isZero();
    assertThat(registry.get(ServiceMetrics.RECONCILIATION_RUNS).counter().count()).isEqualTo(1);
    assertThat(registry.get(ServiceMetrics.RECONCILIATION_SCHEDULED).counter().count())
        .isEqualTo(1);
  }
}
