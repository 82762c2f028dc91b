package io.smsfoundation.ports.in;

import io.smsfoundation.domain.conversation.Conversation;
import java.util.Optional;

/**
 * Sets a conversation's tenant by hand (or, with no tenant id, says it has none). A link set by
 * hand is kept in the tenant history with source {@code manual} and the directory never overrides
 * it.
 */
public interface SetTenant {

  int MAX_TENANT_ID_LENGTH = 200;

  /** The updated conversation, or empty when no conversation has that number. */
  Optional<Conversation> set(TenantCommand command);

  /**
   * @param phone any variant of the conversation's number
   * @param tenantId the tenant, or {@code null} for "no tenant"
   */
  record TenantCommand(String phone, String tenantId) {

    public TenantCommand {
      tenantId = tenantId == null ? null : tenantId.strip();
      new Validation()
          .require(Validation.present(phone), "phone", "is required")
          .require(
              tenantId == null || !tenantId.isEmpty(), "tenant_id", "must be a tenant id or null")
          .require(
              tenantId == null || tenantId.length() <= MAX_TENANT_ID_LENGTH,
              "tenant_id",
              "must be at most " + MAX_TENANT_ID_LENGTH + " characters")
          .throwIfInvalid();
    }
  }
}
