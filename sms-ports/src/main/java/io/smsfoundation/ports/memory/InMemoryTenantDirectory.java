package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantDirectory;
import io.smsfoundation.ports.out.TenantLookup;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link TenantDirectory} holding tenants in memory, matching numbers exactly as given. It can be
 * switched {@linkplain #setAvailable unavailable} to rehearse a directory outage. Thread-safe.
 */
public final class InMemoryTenantDirectory implements TenantDirectory {

  private final Map<String, TenantProfile> tenants = new ConcurrentHashMap<>();
  private final List<String> askedVariants = new CopyOnWriteArrayList<>();
  private volatile boolean available = true;

  public InMemoryTenantDirectory() {}

  public InMemoryTenantDirectory(List<TenantProfile> tenants) {
    tenants.forEach(this::put);
  }

  /** Adds or replaces a tenant. */
  public void put(TenantProfile tenant) {
    tenants.put(tenant.tenantId(), tenant);
  }

  public Optional<TenantProfile> tenant(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /** While unavailable, every call answers as a directory that cannot be reached. */
  public void setAvailable(boolean available) {
    this.available = available;
  }

  /** Every variant asked for so far, in order. */
  public List<String> askedVariants() {
    return List.copyOf(askedVariants);
  }

  @Override
  public TenantLookup lookup(List<String> variants) {
    if (!available) {
      return new TenantLookup.Unavailable("directory unavailable", 1);
    }
    int attempts = 0;
    for (String variant : variants) {
      attempts++;
      askedVariants.add(variant);
      for (TenantProfile tenant : new ArrayList<>(tenants.values())) {
        if (tenant.phoneNumbers().contains(variant)) {
          return new TenantLookup.Found(tenant, variant, attempts);
        }
      }
    }
    return new TenantLookup.NotFound(attempts);
  }

  @Override
  public TenantLookup tenantById(String tenantId) {
    if (!available) {
      return new TenantLookup.Unavailable("directory unavailable", 1);
    }
    TenantProfile tenant = tenants.get(tenantId);
    return tenant == null
        ? new TenantLookup.NotFound(1)
        : new TenantLookup.Found(tenant, tenantId, 1);
  }

  /** Removes a tenant, as when its lease ends. */
  public void remove(String tenantId) {
    tenants.remove(tenantId);
  }

  @Override
  public LanguageUpdate updateLanguage(String tenantId, LanguageDetection language) {
    if (!available) {
      return LanguageUpdate.UNAVAILABLE;
    }
    TenantProfile updated =
        tenants.computeIfPresent(
            tenantId, (id, t) -> new TenantProfile(id, t.phoneNumbers(), language.language()));
    return updated == null ? LanguageUpdate.REJECTED : LanguageUpdate.UPDATED;
  }
}
