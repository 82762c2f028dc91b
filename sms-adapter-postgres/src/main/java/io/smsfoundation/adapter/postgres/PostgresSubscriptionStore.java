package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSecret;
import io.smsfoundation.ports.out.SubscriptionStore;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link SubscriptionStore} over {@code sms_subscriptions} and {@code sms_event_deliveries}. Writes
 * join the caller's {@link PostgresUnitOfWork}; deleting a subscription deletes its deliveries (a
 * foreign key with {@code on delete cascade}). Thread-safe.
 */
public final class PostgresSubscriptionStore implements SubscriptionStore {

  private static final String SUBSCRIPTION_COLUMNS =
      "id, url, event_types, workflow_types, include_unknown, description, enabled,"
          + " disabled_reason, secret, previous_secret, previous_secret_until, failing_since,"
          + " created_at, updated_at";

  private static final String DELIVERY_COLUMNS =
      "id, subscription_id, event_id, event_type, status, attempts, next_attempt_at,"
          + " last_attempt_at, last_response_status, last_error, delivered_at, created_at";

  private final PostgresUnitOfWork unitOfWork;

  public PostgresSubscriptionStore(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public void create(Subscription subscription) {
    unitOfWork.withHandle(
        handle ->
            bindSubscription(
                    handle.createUpdate(
                        "insert into sms_subscriptions ("
                            + SUBSCRIPTION_COLUMNS
                            + ") values (:id, :url, :eventTypes, :workflowTypes, :includeUnknown,"
                            + " :description, :enabled, :disabledReason, :secret,"
                            + " :previousSecret, :previousSecretUntil, :failingSince,"
                            + " :createdAt, :updatedAt)"),
                    subscription)
                .execute());
  }

  @Override
  public Optional<Subscription> findById(String id) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + SUBSCRIPTION_COLUMNS + " from sms_subscriptions where id = :id")
                .bind("id", id)
                .map(PostgresSubscriptionStore::subscription)
                .findOne());
  }

  @Override
  public List<Subscription> list() {
    return subscriptions("");
  }

  @Override
  public List<Subscription> enabled() {
    return subscriptions(" where enabled");
  }

  private List<Subscription> subscriptions(String where) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + SUBSCRIPTION_COLUMNS
                        + " from sms_subscriptions"
                        + where
                        + " order by created_at, id")
                .map(PostgresSubscriptionStore::subscription)
                .list());
  }

  @Override
  public boolean update(Subscription subscription) {
    return unitOfWork.withHandle(
            handle ->
                bindSubscription(
                        handle.createUpdate(
                            "update sms_subscriptions set url = :url, event_types = :eventTypes,"
                                + " workflow_types = :workflowTypes,"
                                + " include_unknown = :includeUnknown,"
                                + " description = :description, enabled = :enabled,"
                                + " disabled_reason = :disabledReason, secret = :secret,"
                                + " previous_secret = :previousSecret,"
                                + " previous_secret_until = :previousSecretUntil,"
                                + " failing_since = :failingSince, updated_at = :updatedAt"
                                + " where id = :id"),
                        subscription)
                    .execute())
        > 0;
  }

  @Override
  public boolean delete(String id) {
    return unitOfWork.withHandle(
            handle ->
                handle
                    .createUpdate("delete from sms_subscriptions where id = :id")
                    .bind("id", id)
                    .execute())
        > 0;
  }

  @Override
  public void createDelivery(Delivery delivery) {
    unitOfWork.withHandle(
        handle ->
            bindDelivery(
                    handle.createUpdate(
                        "insert into sms_event_deliveries ("
                            + DELIVERY_COLUMNS
                            + ") values (:id, :subscriptionId, :eventId, :eventType, :status,"
                            + " :attempts, :nextAttemptAt, :lastAttemptAt, :lastResponseStatus,"
                            + " :lastError, :deliveredAt, :createdAt)"
                            + " on conflict (subscription_id, event_id) do nothing"),
                    delivery)
                .execute());
  }

  @Override
  public Optional<Delivery> findDelivery(String id) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + DELIVERY_COLUMNS + " from sms_event_deliveries where id = :id")
                .bind("id", id)
                .map(PostgresSubscriptionStore::delivery)
                .findOne());
  }

  @Override
  public boolean updateDelivery(Delivery delivery) {
    return unitOfWork.withHandle(
            handle ->
                bindDelivery(
                        handle.createUpdate(
                            "update sms_event_deliveries set status = :status,"
                                + " attempts = :attempts, next_attempt_at = :nextAttemptAt,"
                                + " last_attempt_at = :lastAttemptAt,"
                                + " last_response_status = :lastResponseStatus,"
                                + " last_error = :lastError, delivered_at = :deliveredAt"
                                + " where id = :id"),
                        delivery)
                    .execute())
        > 0;
  }

  @Override
  public List<Delivery> deliveries(
      String subscriptionId,
      Optional<Delivery.Status> status,
      Optional<String> beforeId,
      int limit) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + DELIVERY_COLUMNS
                        + " from sms_event_deliveries where subscription_id = :subscriptionId"
                        + (status.isPresent() ? " and status = :status" : "")
                        + (beforeId.isPresent() ? " and id < :beforeId" : "")
                        + " order by id desc limit :limit")
                .bind("subscriptionId", subscriptionId)
                .bind("status", status.map(Delivery.Status::code).orElse(null))
                .bind("beforeId", beforeId.orElse(null))
                .bind("limit", limit)
                .map(PostgresSubscriptionStore::delivery)
                .list());
  }

  @Override
  public Optional<Instant> oldestPending() {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select min(created_at) as oldest from sms_event_deliveries"
                        + " where status = 'pending'")
                .map((rs, ctx) -> Optional.ofNullable(Columns.instant(rs, "oldest")))
                .one());
  }

  private static Update bindSubscription(Update update, Subscription s) {
    return update
        .bind("id", s.id())
        .bind("url", s.url().toString())
        .bind(
            "eventTypes",
            s.eventTypes().stream().map(EventType::code).sorted().toArray(String[]::new))
        .bind("workflowTypes", s.workflowTypes().stream().sorted().toArray(String[]::new))
        .bind("includeUnknown", s.includeUnknown())
        .bind("description", s.description())
        .bind("enabled", s.enabled())
        .bind("disabledReason", s.disabledReason())
        .bind("secret", s.secret().text())
        .bind("previousSecret", s.previousSecret() == null ? null : s.previousSecret().text())
        .bind("previousSecretUntil", s.previousSecretUntil())
        .bind("failingSince", s.failingSince())
        .bind("createdAt", s.createdAt())
        .bind("updatedAt", s.updatedAt());
  }

  private static Update bindDelivery(Update update, Delivery d) {
    return update
        .bind("id", d.id())
        .bind("subscriptionId", d.subscriptionId())
        .bind("eventId", d.eventId())
        .bind("eventType", d.eventType().code())
        .bind("status", d.status().code())
        .bind("attempts", d.attempts())
        .bind("nextAttemptAt", d.nextAttemptAt())
        .bind("lastAttemptAt", d.lastAttemptAt())
        .bindByType("lastResponseStatus", d.lastResponseStatus(), Integer.class)
        .bind("lastError", d.lastError())
        .bind("deliveredAt", d.deliveredAt())
        .bind("createdAt", d.createdAt());
  }

  private static Subscription subscription(ResultSet rs, StatementContext ctx) throws SQLException {
    Set<EventType> types = new LinkedHashSet<>();
    for (String code : strings(rs.getArray("event_types"))) {
      // a type a newer version knows and this one does not is left out, not refused
      EventType.fromCode(code).ifPresent(types::add);
    }
    String previous = rs.getString("previous_secret");
    return new Subscription(
        rs.getString("id"),
        URI.create(rs.getString("url")),
        types,
        new LinkedHashSet<>(strings(rs.getArray("workflow_types"))),
        rs.getBoolean("include_unknown"),
        rs.getString("description"),
        rs.getBoolean("enabled"),
        rs.getString("disabled_reason"),
        WebhookSecret.of(rs.getString("secret")),
        previous == null ? null : WebhookSecret.of(previous),
        Columns.instant(rs, "previous_secret_until"),
        Columns.instant(rs, "failing_since"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static Delivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
    int status = rs.getInt("last_response_status");
    Integer lastStatus = rs.wasNull() ? null : status;
    return new Delivery(
        rs.getString("id"),
        rs.getString("subscription_id"),
        rs.getString("event_id"),
        EventType.fromCode(rs.getString("event_type")).orElse(EventType.MESSAGE_RECEIVED),
        Delivery.Status.fromCode(rs.getString("status")),
        rs.getInt("attempts"),
        Columns.instant(rs, "next_attempt_at"),
        Columns.instant(rs, "last_attempt_at"),
        lastStatus,
        rs.getString("last_error"),
        Columns.instant(rs, "delivered_at"),
        Columns.instant(rs, "created_at"));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
