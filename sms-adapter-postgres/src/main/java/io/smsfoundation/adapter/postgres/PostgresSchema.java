package io.smsfoundation.adapter.postgres;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database schema up to date with the Flyway migrations in {@code db/migration}. Safe to
 * run from several instances at once (Flyway takes a PostgreSQL advisory lock), and tolerant of a
 * schema that a newer version of the service has already migrated further.
 */
public final class PostgresSchema {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);

  /** Where the migrations live on the class path. */
  public static final String LOCATION = "classpath:db/migration";

  private PostgresSchema() {}

  /**
   * Applies pending migrations to {@code schema}, creating it when missing.
   *
   * @param schema the schema to migrate, for example {@code public}
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(schema, "schema");
    MigrateResult result =
        Flyway.configure(PostgresSchema.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .createSchemas(true)
            .locations(LOCATION)
            // During a rolling deploy the older version meets migrations it does not know.
            .ignoreMigrationPatterns("*:future")
            .cleanDisabled(true)
            .load()
            .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info(
          "database schema {} migrated to version {} ({} migrations)",
          schema,
          result.targetSchemaVersion,
          result.migrationsExecuted);
    }
    return result.migrationsExecuted;
  }
}
