package io.smsfoundation.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The service's own SQL on db-scheduler's {@code scheduled_tasks} table, on one handle. */
final class JobDao {

  /** Counts over the job tasks, and when the oldest due job became due. */
  record DepthRow(long waiting, long due, long running, Instant oldestDue) {
    static DepthRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new DepthRow(
          rs.getLong("waiting"),
          rs.getLong("due"),
          rs.getLong("running"),
          Columns.instant(rs, "oldest_due"));
    }
  }

  private final Handle handle;

  JobDao(Handle handle) {
    this.handle = handle;
  }

  /**
   * A new one-time execution, exactly what db-scheduler's own insert writes (no task data: the
   * job's subject is in the instance id). {@code ON CONFLICT DO NOTHING} on the primary key makes a
   * waiting job absorb a duplicate without failing the caller's transaction, which a plain insert
   * (db-scheduler's {@code scheduleIfNotExists}) would abort on a concurrent duplicate.
   */
  int enqueue(String taskName, String taskInstance, Instant executionTime) {
    return handle
        .createUpdate(
            "insert into scheduled_tasks"
                + " (task_name, task_instance, task_data, execution_time, picked, version)"
                + " values (:taskName, :taskInstance, null, :executionTime, false, 1)"
                + " on conflict (task_name, task_instance) do nothing")
        .bind("taskName", taskName)
        .bind("taskInstance", taskInstance)
        .bind("executionTime", executionTime)
        .execute();
  }

  DepthRow depth(String[] taskNames, Instant now) {
    return handle
        .createQuery(
            "select count(*) filter (where not picked) as waiting,"
                + " count(*) filter (where not picked and execution_time <= :now) as due,"
                + " count(*) filter (where picked) as running,"
                + " min(execution_time) filter (where not picked and execution_time <= :now)"
                + " as oldest_due"
                + " from scheduled_tasks where task_name = any(cast(:taskNames as text[]))")
        .bind("taskNames", taskNames)
        .bind("now", now)
        .map(DepthRow::map)
        .one();
  }
}
