package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import io.smsfoundation.ports.out.UsageLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * {@link UsageLedger} over {@code sms_messages}: one aggregate query per report, served by the
 * covering index {@code sms_messages_usage_idx} on the UTC time (an index-only scan of the period;
 * the conversations are joined only to group by tenant or workflow type), and {@code
 * sms_usage_alerts} for the days announced. Thread-safe.
 */
public final class PostgresUsageLedger implements UsageLedger {

  /** A report over a long period may take longer than the pool's usual statement limit. */
  static final Duration REPORT_BUDGET = Duration.ofSeconds(30);

  /** Memory one report may sort in, per sort; see docs/benchmarks.md for why not more. */
  static final String REPORT_WORK_MEM = "16MB";

  /** The statuses that end an outbound message's delivery without it arriving. */
  private static final String FAILED = "('failed', 'undelivered', 'canceled')";

  private static final String AGGREGATES =
      " count(*) as messages,"
          + " count(*) filter (where m.direction = 'inbound') as inbound,"
          + " count(*) filter (where m.direction = 'outbound') as outbound,"
          + " coalesce(sum(m.num_segments), 0) as segments,"
          + " count(*) filter (where m.direction = 'outbound' and m.delivery_status in "
          + FAILED
          + ") as failures,"
          + " sum(m.price) as price,"
          + " case when min(m.price_unit) = max(m.price_unit) then min(m.price_unit)"
          + " when count(m.price_unit) > 0 then '"
          + UsageRow.MIXED_UNITS
          + "' end as price_unit,"
          + " count(m.price) as priced,"
          + " percentile_cont(0.5) within group (order by m.processing_ms) as p50,"
          + " percentile_cont(0.95) within group (order by m.processing_ms) as p95";

  /** A message's UTC time: the key of {@code sms_messages_usage_idx}. */
  private static final String UTC = "(m.created_at at time zone 'UTC')";

  /** {@code :from} and {@code :to} are UTC times without a zone, as the index key is. */
  private static final String RANGE = " where " + UTC + " >= :from and " + UTC + " < :to";

  /** The UTC day of a message, a timestamp: cheaper to group by than its text. */
  private static final String DAY = "date_trunc('day', " + UTC + ")";

  private final PostgresUnitOfWork unitOfWork;

  public PostgresUsageLedger(PostgresUnitOfWork unitOfWork) {
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
  }

  /**
   * The report's statement for {@code grouping}, with the parameters {@code :from} and {@code :to};
   * public so that a measurement can show its plan.
   */
  public static String reportSql(UsageGrouping grouping) {
    return switch (grouping) {
      case DAY -> statement("to_char(" + DAY + ", 'YYYY-MM-DD')", "", DAY);
      case DIRECTION -> statement("m.direction", "", "m.direction");
      case TENANT -> byConversation("tenant_id");
      case WORKFLOW_TYPE -> byConversation("workflow_type");
    };
  }

  /**
   * Grouped by a text column of the conversation, through a number per distinct value: the million
   * rows are then sorted by an integer, not by text (measured: a third faster).
   */
  private static String byConversation(String column) {
    return statement(
        "min(c.grp)",
        " join (select id, "
            + column
            + " as grp, dense_rank() over (order by "
            + column
            + " nulls last) as rank from sms_conversations) c on c.id = m.conversation_id",
        "c.rank");
  }

  private static String statement(String key, String join, String groupBy) {
    return "select "
        + key
        + " as grp,"
        + AGGREGATES
        + " from sms_messages m"
        + join
        + RANGE
        + " group by "
        + groupBy
        + " order by "
        + groupBy;
  }

  @Override
  public List<UsageRow> report(UsagePeriod period, UsageGrouping grouping) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(grouping, "grouping");
    return unitOfWork.withLongStatements(
        REPORT_BUDGET,
        handle -> {
          // measured on a month of 1,000,000 messages: 16 MB sorts faster than the default 4 MB
          // and than more (each group's percentile sort is set up for work_mem); compiling the
          // statement (JIT) costs more than it saves here
          handle.execute("set local work_mem = '" + REPORT_WORK_MEM + "'");
          handle.execute("set local jit = off");
          return handle
              .createQuery(reportSql(grouping))
              .bind("from", period.start())
              .bind("to", period.end())
              .map((rs, ctx) -> row(rs))
              .list();
        });
  }

  private static UsageRow row(ResultSet rs) throws SQLException {
    return new UsageRow(
        rs.getString("grp"),
        rs.getLong("messages"),
        rs.getLong("inbound"),
        rs.getLong("outbound"),
        rs.getLong("segments"),
        rs.getLong("failures"),
        rs.getBigDecimal("price"),
        rs.getString("price_unit"),
        rs.getLong("priced"),
        rs.getObject("p50", Double.class),
        rs.getObject("p95", Double.class));
  }

  @Override
  public long segments(Instant from, Instant to) {
    return unitOfWork.withHandle(
        handle ->
            handle
                .createQuery("select coalesce(sum(m.num_segments), 0) from sms_messages m" + RANGE)
                .bind("from", utc(from))
                .bind("to", utc(to))
                .mapTo(Long.class)
                .one());
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public boolean rememberThresholdReached(
      LocalDate day, long segments, long threshold, Instant at) {
    return unitOfWork.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "insert into sms_usage_alerts (day, segments, threshold, created_at)"
                            + " values (:day, :segments, :threshold, :at)"
                            + " on conflict (day) do nothing")
                    .bind("day", day)
                    .bind("segments", segments)
                    .bind("threshold", threshold)
                    .bind("at", at)
                    .execute())
        > 0;
  }
}
