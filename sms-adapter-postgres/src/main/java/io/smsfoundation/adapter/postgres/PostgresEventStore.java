package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.event.Event;
import io.smsfoundation.domain.event.EventRouting;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.out.EventStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventStore} over {@code sms_events}. An event is inserted without a position in the
 * caller's transaction. A sequencer then numbers committed events: one transaction at a time in the
 * whole cluster (a PostgreSQL advisory lock), it takes the committed events still without a
 * position, in write order, and gives them the next positions from a counter row. Because sequencer
 * transactions run one after another and each commits its numbers at once, a reader that sees
 * position {@code p} sees every position below it: no event is skipped, whenever its own
 * transaction committed, and none is seen twice. {@link #start()} runs the sequencer in the
 * background, right after each local commit and every {@link #SWEEP_EVERY} for other instances'
 * events. Thread-safe.
 */
public final class PostgresEventStore implements EventStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);

  /** How often the sequencer looks for events other instances wrote. */
  static final Duration SWEEP_EVERY = Duration.ofMillis(200);

  /** Events numbered per sequencer transaction at most. */
  static final int BATCH = 1000;

  /** The advisory lock that makes the sequencer one at a time across the cluster. */
  private static final long SEQUENCER_LOCK = 0x736d735f65766e74L;

  private static final String COLUMNS =
      "id, position, type, occurred_at, conversation_id, tenant_id, workflow_type, throttled,"
          + " data::text as data";

  /**
   * Numbers the next committed events: positions follow the counter, in write order. Runs only
   * under the sequencer lock, in a statement that starts after the previous sequencer committed.
   */
  static final String ASSIGN =
      "with pending as ("
          + " select id, row_number() over (order by seq) as rn from sms_events"
          + " where position is null order by seq limit :max),"
          + " counted as (select count(*) as n from pending),"
          + " counter as (update sms_event_positions"
          + " set last_position = last_position + (select n from counted)"
          + " where singleton returning last_position)"
          + " update sms_events as e"
          + " set position = (select last_position from counter) - (select n from counted) + p.rn"
          + " from pending as p where e.id = p.id";

  private final PostgresUnitOfWork unitOfWork;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile ScheduledExecutorService sequencer;

  public PostgresEventStore(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  @Override
  public void append(Event event) {
    Objects.requireNonNull(event, "event");
    unitOfWork.withHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into sms_events (id, type, occurred_at, conversation_id, tenant_id,"
                        + " workflow_type, throttled, data) values (:id, :type, :occurredAt,"
                        + " :conversationId, :tenantId, :workflowType, :throttled,"
                        + " cast(:data as jsonb))")
                .bind("id", event.id())
                .bind("type", event.type().code())
                .bind("occurredAt", event.occurredAt())
                .bind("conversationId", event.routing().conversationId())
                .bind("tenantId", event.routing().tenantId())
                .bind("workflowType", event.routing().workflowType())
                .bind("throttled", event.routing().throttled())
                .bind("data", event.data())
                .execute());
    unitOfWork.afterCommitOrNow(this::nudge);
  }

  @Override
  public int assignPositions(int max) {
    return unitOfWork.inTransaction(
        tx ->
            unitOfWork.withHandle(
                handle -> {
                  boolean locked =
                      handle
                          .createQuery("select pg_try_advisory_xact_lock(:key)")
                          .bind("key", SEQUENCER_LOCK)
                          .mapTo(Boolean.class)
                          .one();
                  return locked ? handle.createUpdate(ASSIGN).bind("max", max).execute() : 0;
                }));
  }

  @Override
  public List<Event> after(long afterPosition, Set<EventType> types, int limit) {
    String[] codes = types.stream().map(EventType::code).toArray(String[]::new);
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from sms_events where position > :after"
                        + (codes.length == 0 ? "" : " and type = any(:types)")
                        + " order by position limit :limit")
                .bind("after", afterPosition)
                .bind("types", codes)
                .bind("limit", limit)
                .map(PostgresEventStore::map)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList());
  }

  @Override
  public Optional<Event> findById(String eventId) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from sms_events where id = :id")
                .bind("id", eventId)
                .map(PostgresEventStore::map)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst());
  }

  /** Starts numbering committed events in the background. */
  public synchronized PostgresEventStore start() {
    if (sequencer == null) {
      ScheduledExecutorService started =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("sms-event-sequencer").daemon().factory());
      started.scheduleWithFixedDelay(this::drain, 0, SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      sequencer = started;
    }
    return this;
  }

  /** Stops the background sequencer; events written later are numbered after the next start. */
  @Override
  public synchronized void close() {
    ScheduledExecutorService running = sequencer;
    sequencer = null;
    if (running != null) {
      running.shutdownNow();
    }
  }

  private void nudge() {
    ScheduledExecutorService running = sequencer;
    if (running != null && drainScheduled.compareAndSet(false, true)) {
      try {
        running.execute(this::drain);
      } catch (RuntimeException stopping) {
        drainScheduled.set(false);
      }
    }
  }

  private void drain() {
    drainScheduled.set(false);
    try {
      while (assignPositions(BATCH) == BATCH) {
        // a full batch: more may be waiting
      }
    } catch (RuntimeException e) {
      LOG.warn("event sequencer failed; it tries again shortly: {}", e.getMessage());
    }
  }

  /**
   * The event of a row, or {@code null} for a type this version does not know (a newer version
   * wrote it during a rolling deploy); those rows are left out.
   */
  private static Event map(ResultSet rs, StatementContext ctx) throws SQLException {
    long position = rs.getLong("position");
    Long feedPosition = rs.wasNull() ? null : position;
    Optional<EventType> type = EventType.fromCode(rs.getString("type"));
    if (type.isEmpty()) {
      return null;
    }
    return new Event(
        rs.getString("id"),
        type.get(),
        Columns.instant(rs, "occurred_at"),
        feedPosition,
        new EventRouting(
            Columns.uuid(rs, "conversation_id"),
            rs.getString("tenant_id"),
            rs.getString("workflow_type"),
            rs.getBoolean("throttled")),
        rs.getString("data"));
  }
}
