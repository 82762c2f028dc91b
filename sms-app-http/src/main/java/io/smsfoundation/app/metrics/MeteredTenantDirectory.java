package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.domain.phone.PhoneMask;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs lookups and language updates of a tenant directory that does not do so itself
 * (the {@code tenant_profiles} table, or none), under the same meter names and log fields as the
 * Collections Monitor client: {@code sms.tenant.lookups{outcome=found|not_found|error}}.
 */
final class MeteredTenantDirectory implements TenantDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(MeteredTenantDirectory.class);

  private final TenantDirectory delegate;
  private final MeterRegistry registry;

  MeteredTenantDirectory(TenantDirectory delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public boolean knowsTenants() {
    return delegate.knowsTenants();
  }

  @Override
  public TenantLookup lookup(List<String> variants) {
    TenantLookup result = delegate.lookup(variants);
    String outcome = outcome(result);
    Counter.builder(ServiceMetrics.TENANT_LOOKUPS)
        .description("Tenant lookups against the tenant directory, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    String phone = PhoneMask.mask(variants.isEmpty() ? null : variants.getFirst());
    var line = LOG.atInfo().addKeyValue("outcome", outcome).addKeyValue("phone", phone);
    if (result instanceof TenantLookup.Found found) {
      line = line.addKeyValue("tenant_id", found.tenant().tenantId());
    }
    line.log("tenant lookup phone={} outcome={}", phone, outcome);
    return result;
  }

  @Override
  public TenantLookup tenantById(String tenantId) {
    TenantLookup result = delegate.tenantById(tenantId);
    LOG.atInfo()
        .addKeyValue("tenant_id", tenantId)
        .addKeyValue("outcome", outcome(result))
        .log("tenant read tenant_id={} outcome={}", tenantId, outcome(result));
    return result;
  }

  @Override
  public void forget(List<String> variants) {
    delegate.forget(variants);
  }

  private static String outcome(TenantLookup result) {
    return switch (result) {
      case TenantLookup.Found found -> "found";
      case TenantLookup.NotFound notFound -> "not_found";
      case TenantLookup.Unavailable unavailable -> "error";
    };
  }

  @Override
  public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
    LanguageUpdate update = delegate.updateLanguage(tenantId, language);
    Counter.builder(ServiceMetrics.TENANT_LANGUAGE_UPDATES)
        .description("Tenant language updates sent to the tenant directory, by outcome")
        .tag("outcome", update.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    return update;
  }
}
