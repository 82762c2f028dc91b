package io.smsfoundation.ports.in;

import java.util.UUID;

/**
 * Links a conversation to its tenant by asking the directory with each variant of its number, and
 * asks again whether a link that has aged still holds (numbers are recycled). Both run as
 * background jobs; {@link LinkOutcome.DirectoryUnavailable} asks for a retry.
 */
public interface LinkTenant {

  /**
   * Looks up the tenant of a conversation that has none (and whose absence was not set by hand).
   */
  LinkOutcome link(UUID conversationId);

  /**
   * Asks the directory again about a conversation linked by it whose link is older than the link
   * time-to-live: the same answer confirms the link, another one relinks or unlinks it. Links set
   * by hand are left alone.
   */
  LinkOutcome verify(UUID conversationId);

  /** What a link attempt found. */
  sealed interface LinkOutcome {

    record Linked(String tenantId, String matchedVariant) implements LinkOutcome {}

    /** The conversation already has a tenant, or does not exist; nothing to do. */
    record NothingToDo() implements LinkOutcome {}

    /** The directory still names the conversation's tenant; the link's check time moves on. */
    record Confirmed(String tenantId) implements LinkOutcome {}

    /** The number now belongs to another tenant; the history keeps the old link. */
    record Relinked(String before, String after) implements LinkOutcome {}

    /** The directory no longer knows the number; the history keeps the old link. */
    record Unlinked(String before) implements LinkOutcome {}

    /** The directory does not know the number; the conversation stays unlinked. */
    record NoTenant() implements LinkOutcome {}

    record DirectoryUnavailable(String reason) implements LinkOutcome {}
  }
}
