package io.smsfoundation.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.MessageUsage;
import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import io.smsfoundation.ports.out.DeliveryUpdate;
import io.smsfoundation.ports.out.UsageLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} must do. */
public abstract class UsageLedgerContract {

  /** The stores the ledger reads, and the ledger. */
  public record Fixture(StoreFixture stores, UsageLedger ledger) {}

  protected abstract Fixture newFixture();

  private static final LocalDate DAY = LocalDate.parse("2026-11-10");
  private static final Instant MORNING = Instant.parse("2026-11-10T08:00:00Z");
  private static final Instant NEXT_DAY = Instant.parse("2026-11-11T23:59:59.999999Z");

  private StoreFixture stores;
  private UsageLedger ledger;
  private UUID tenantConversation;
  private UUID unknownConversation;

  @BeforeEach
  void setUpLedger() {
    Fixture fixture = newFixture();
    stores = fixture.stores();
    ledger = fixture.ledger();
    tenantConversation = conversation("tenant-a", "collections");
    unknownConversation = conversation(null, null);
  }

  private UUID conversation(String tenant, String workflowType) {
    return stores
        .unitOfWork()
        .inTransaction(
            tx -> {
              Conversation c =
                  stores.conversations().upsert(Samples.conversation(Samples.e164(), MORNING));
              if (tenant != null) {
                stores.conversations().linkTenant(c.id(), tenant, MORNING);
              }
              if (workflowType != null) {
                stores.conversations().setWorkflow(c.id(), workflowType, "w-1", MORNING);
              }
              return c.id();
            });
  }

  private Message inbound(UUID conversation, Instant at, long processingMs) {
    Message message =
        Samples.inbound(conversation, Samples.sid(), at)
            .withUsage(MessageUsage.processed(processingMs));
    stores.unitOfWork().inTransaction(tx -> stores.messages().insert(message));
    return message;
  }

  private Message outbound(UUID conversation, Instant at, DeliveryStatus status) {
    Message message = Samples.outbound(conversation, null, at);
    stores
        .unitOfWork()
        .inTransaction(
            tx -> {
              stores.messages().insert(message);
              stores
                  .messages()
                  .updateDelivery(
                      message.id(), new DeliveryUpdate(Samples.sid(), status, null, null, at));
              return null;
            });
    return message;
  }

  private List<UsageRow> report(UsageGrouping grouping) {
    return ledger.report(new UsagePeriod(DAY, DAY.plusDays(2)), grouping);
  }

  @Test
  void a_report_groups_counts_segments_failures_and_prices_by_tenant() {
    inbound(tenantConversation, MORNING, 10);
    Message delivered =
        outbound(tenantConversation, MORNING.plusSeconds(5), DeliveryStatus.DELIVERED);
    stores.messages().recordProcessingTime(delivered.id(), 30);
    stores.messages().recordPrice(delivered.id(), new BigDecimal("-0.0079"), "USD");
    outbound(unknownConversation, MORNING.plusSeconds(6), DeliveryStatus.UNDELIVERED);
    outbound(unknownConversation, MORNING.plusSeconds(7), DeliveryStatus.FAILED);
    inbound(unknownConversation, NEXT_DAY, 50);

    List<UsageRow> rows = report(UsageGrouping.TENANT);

    assertThat(rows).extracting(UsageRow::group).containsExactly("tenant-a", null);
    UsageRow tenant = rows.get(0);
    assertThat(tenant.messages()).isEqualTo(2);
    assertThat(tenant.inbound()).isEqualTo(1);
    assertThat(tenant.outbound()).isEqualTo(1);
    assertThat(tenant.segments()).isEqualTo(2);
    assertThat(tenant.failures()).isZero();
    assertThat(tenant.price()).isEqualByComparingTo("-0.0079");
    assertThat(tenant.priceUnit()).isEqualTo("USD");
    assertThat(tenant.priced()).isEqualTo(1);
    assertThat(tenant.p50ProcessingMs()).isEqualTo(20.0);
    assertThat(tenant.p95ProcessingMs()).isEqualTo(29.0);
    UsageRow unknown = rows.get(1);
    assertThat(unknown.messages()).isEqualTo(3);
    assertThat(unknown.failures()).isEqualTo(2);
    assertThat(unknown.price()).isNull();
    assertThat(unknown.priceUnit()).isNull();
    assertThat(unknown.p50ProcessingMs()).isEqualTo(50.0);
  }

  @Test
  void a_report_by_day_direction_or_workflow_splits_the_same_messages() {
    inbound(tenantConversation, MORNING, 10);
    outbound(tenantConversation, MORNING, DeliveryStatus.DELIVERED);
    inbound(unknownConversation, NEXT_DAY, 50);

    assertThat(report(UsageGrouping.DAY))
        .extracting(UsageRow::group, UsageRow::messages)
        .containsExactly(tuple("2026-11-10", 2L), tuple("2026-11-11", 1L));
    assertThat(report(UsageGrouping.DIRECTION))
        .extracting(UsageRow::group, UsageRow::messages)
        .containsExactly(tuple("inbound", 2L), tuple("outbound", 1L));
    assertThat(report(UsageGrouping.WORKFLOW_TYPE))
        .extracting(UsageRow::group, UsageRow::messages)
        .containsExactly(tuple("collections", 2L), tuple(null, 1L));
  }

  @Test
  void a_report_holds_only_its_period_and_an_empty_one_has_no_rows() {
    inbound(tenantConversation, Instant.parse("2026-11-09T23:59:59Z"), 1);
    inbound(tenantConversation, Instant.parse("2026-11-12T00:00:00Z"), 1);

    assertThat(report(UsageGrouping.DAY)).isEmpty();
    assertThat(ledger.segments(MORNING, NEXT_DAY)).isZero();
  }

  @Test
  void segments_sum_every_direction_in_the_range() {
    inbound(tenantConversation, MORNING, 1);
    outbound(unknownConversation, MORNING.plusSeconds(1), DeliveryStatus.FAILED);

    assertThat(ledger.segments(MORNING, MORNING.plusSeconds(2))).isEqualTo(2);
    assertThat(ledger.segments(MORNING.plusSeconds(1), MORNING.plusSeconds(2))).isEqualTo(1);
  }

  @Test
  void a_day_over_its_threshold_is_remembered_once() {
    assertThat(ledger.rememberThresholdReached(DAY, 120, 100, MORNING)).isTrue();
    assertThat(ledger.rememberThresholdReached(DAY, 130, 100, MORNING.plusSeconds(60))).isFalse();
    assertThat(ledger.rememberThresholdReached(DAY.plusDays(1), 101, 100, NEXT_DAY)).isTrue();
  }

  @Test
  void a_day_remembered_in_a_transaction_that_rolled_back_can_be_remembered_again() {
    stores
        .unitOfWork()
        .inTransaction(
            tx -> {
              assertThat(ledger.rememberThresholdReached(DAY, 120, 100, MORNING)).isTrue();
              tx.setRollbackOnly();
              return null;
            });

    assertThat(ledger.rememberThresholdReached(DAY, 120, 100, MORNING)).isTrue();
  }
}
