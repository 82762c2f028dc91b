package io.smsfoundation.ports.out;

import io.smsfoundation.domain.language.Language;
import java.util.List;
import java.util.Objects;

/**
 * A tenant as the directory describes it.
 *
 * @param languagePreference the directory's language for the tenant, {@link Language#UNKNOWN} when
 *     it has none
 */
public record TenantProfile(
    String tenantId, List<String> phoneNumbers, Language languagePreference) {

  public TenantProfile {
    Objects.requireNonNull(tenantId, "tenantId");
    if (tenantId.isBlank()) {
      throw new IllegalArgumentException("a tenant id cannot be blank");
    }
    phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    languagePreference = languagePreference == null ? Language.UNKNOWN : languagePreference;
  }
}
