package io.smsfoundation.ports.service;

import io.smsfoundation.ports.in.ReadUsage;
import io.smsfoundation.ports.out.UsageLedger;
import java.util.Objects;

/** Reads the usage report from the ledger. Thread-safe. */
public final class ReadUsageService implements ReadUsage {

  private final UsageLedger ledger;

  ReadUsageService(UsageLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public UsageReport read(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    return new UsageReport(query, ledger.report(query.period(), query.grouping()));
  }
}
