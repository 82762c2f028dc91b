package io.smsfoundation.ports.in;

import java.util.UUID;

/**
 * Links a conversation to its tenant by asking the directory with each variant of its number. Runs
 * as a background job; {@link LinkOutcome.DirectoryUnavailable} asks for a retry.
 */
public interface LinkTenant {

  LinkOutcome link(UUID conversationId);

  /** What a link attempt found. */
  sealed interface LinkOutcome {

    record Linked(String tenantId, String matchedVariant) implements LinkOutcome {}

    /** The conversation already has a tenant, or does not exist; nothing to do. */
    record NothingToDo() implements LinkOutcome {}

    /** The directory does not know the number; the conversation stays unlinked. */
    record NoTenant() implements LinkOutcome {}

    record DirectoryUnavailable(String reason) implements LinkOutcome {}
  }
}
