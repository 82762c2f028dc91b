package io.smsfoundation.adapter.postgres;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Builds every PostgreSQL adapter over one {@link DataSource}, sharing one {@link
 * PostgresUnitOfWork} so that all stores write in the same transaction. The composition root
 * creates one instance; it holds no resources of its own (close the data source to release them).
 */
public final class PostgresAdapters {

  private final DataSource dataSource;
  private final PostgresUnitOfWork unitOfWork;
  private final PostgresConversationStore conversations;
  private final PostgresMessageStore messages;
  private final PostgresTenantNumbers tenantNumbers;
  private final PostgresTenantDirectory tenantDirectory;
  private final PostgresEventStore events;
  private final PostgresSubscriptionStore subscriptions;
  private final PostgresRateLimiter rateLimiter;
  private final PostgresCallStore calls;

  private PostgresAdapters(DataSource dataSource) {
    this.dataSource = dataSource;
    this.unitOfWork = new PostgresUnitOfWork(dataSource);
    this.conversations = new PostgresConversationStore(unitOfWork);
    this.messages = new PostgresMessageStore(unitOfWork);
    this.tenantNumbers = new PostgresTenantNumbers(unitOfWork);
    this.tenantDirectory = new PostgresTenantDirectory(unitOfWork);
    this.events = new PostgresEventStore(unitOfWork);
    this.subscriptions = new PostgresSubscriptionStore(unitOfWork);
    this.rateLimiter = new PostgresRateLimiter(unitOfWork);
    this.calls = new PostgresCallStore(unitOfWork);
  }

  /** The adapters over {@code dataSource}, whose schema must already be migrated. */
  public static PostgresAdapters create(DataSource dataSource) {
    return new PostgresAdapters(Objects.requireNonNull(dataSource, "dataSource"));
  }

  public PostgresUnitOfWork unitOfWork() {
    return unitOfWork;
  }

  public PostgresConversationStore conversations() {
    return conversations;
  }

  public PostgresMessageStore messages() {
    return messages;
  }

  public PostgresTenantNumbers tenantNumbers() {
    return tenantNumbers;
  }

  /** The {@code tenant_profiles} directory, for {@code TENANT_DIRECTORY=postgres}. */
  public PostgresTenantDirectory tenantDirectory() {
    return tenantDirectory;
  }

  /** The events outbox and feed; {@link PostgresEventStore#start()} runs its sequencer. */
  public PostgresEventStore events() {
    return events;
  }

  public PostgresSubscriptionStore subscriptions() {
    return subscriptions;
  }

  /** Token buckets shared by every instance on this database. */
  public PostgresRateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Voice calls and their status history. */
  public PostgresCallStore calls() {
    return calls;
  }

  /** A new job queue writing in this unit of work; not started. */
  public PostgresJobQueue jobQueue(PostgresJobQueue.Settings settings) {
    return new PostgresJobQueue(dataSource, unitOfWork, settings);
  }
}
