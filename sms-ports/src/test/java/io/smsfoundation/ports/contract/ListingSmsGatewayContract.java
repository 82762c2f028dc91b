package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.smsfoundation.domain.message.MessageSid;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an {@link SmsGateway} that can list the provider's messages must do on top of sending:
 * {@link SmsGateway#sentTo} finds what it sent, also a message whose answer was lost, every page of
 * it, and nothing to other numbers or from before {@code since}.
 */
public abstract class ListingSmsGatewayContract extends SmsGatewayContract {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  /**
   * A destination for which the provider creates the message but the answer is lost: the send is
   * {@link SendOutcome.Unknown} (Twilio answering 500 after creating it).
   */
  protected abstract PhoneNumber createdButUnansweredNumber();

  /** Another destination the gateway accepts, different from {@link #deliverableNumber()}. */
  protected abstract PhoneNumber otherDeliverableNumber();

  /** The gateway's messages to {@code to} since {@code since}, once the provider lists them all. */
  private List<ProviderMessage> listedOnce(PhoneNumber to, Instant since, int expected) {
    List<ProviderMessage> listed = new ArrayList<>();
    Eventually.await(
        expected + " messages listed",
        PATIENCE,
        () -> {
          listed.clear();
          listed.addAll(gateway().sentTo(to, since));
          return listed.size() >= expected;
        });
    return listed;
  }

  @Test
  void a_message_created_behind_a_lost_answer_is_listed_with_its_body_and_sid() {
    PhoneNumber to = createdButUnansweredNumber();
    Instant before = Instant.now().minusSeconds(2);

    SendOutcome outcome =
        gateway().send(new OutboundSms(UUID.randomUUID(), to, "Your visit is on Tuesday"));

    assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
    List<ProviderMessage> listed = listedOnce(to, before, 1);
    assertThat(listed).hasSize(1);
    ProviderMessage message = listed.getFirst();
    assertThat(message.body()).isEqualTo("Your visit is on Tuesday");
    assertThat(MessageSid.isWellFormed(message.providerMessageId())).isTrue();
    assertThat(message.status().isKnown()).isTrue();
  }

  @Test
  void a_sent_message_is_listed_under_its_sid_and_only_to_its_number() {
    Instant before = Instant.now().minusSeconds(2);
    SendOutcome sent =
        gateway().send(new OutboundSms(UUID.randomUUID(), deliverableNumber(), "Rent received"));
    assertThat(sent).isInstanceOf(SendOutcome.Sent.class);
    String sid = ((SendOutcome.Sent) sent).twilioSid();

    List<ProviderMessage> listed = listedOnce(deliverableNumber(), before, 1);

    assertThat(listed)
        .filteredOn(m -> m.providerMessageId().equals(sid))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).isEqualTo("Rent received"));
    assertThat(gateway().sentTo(otherDeliverableNumber(), before))
        .noneMatch(m -> m.providerMessageId().equals(sid));
  }

  @Test
  void nothing_sent_before_since_is_listed() {
    gateway().send(new OutboundSms(UUID.randomUUID(), otherDeliverableNumber(), "earlier"));

    assertThat(gateway().sentTo(otherDeliverableNumber(), Instant.now().plus(Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void more_messages_than_a_page_holds_are_all_listed_newest_first() {
    PhoneNumber to = otherDeliverableNumber();
    Instant before = Instant.now().minusSeconds(2);
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      SendOutcome outcome = gateway().send(new OutboundSms(UUID.randomUUID(), to, "notice " + i));
      sids.add(((SendOutcome.Sent) outcome).twilioSid());
    }

    List<ProviderMessage> listed = listedOnce(to, before, 60);

    assertThat(listed).extracting(ProviderMessage::providerMessageId).containsAll(sids);
    assertThat(listed).extracting(ProviderMessage::providerMessageId).doesNotHaveDuplicates();
    assertThat(listed)
        .extracting(ProviderMessage::createdAt)
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
  }
}
