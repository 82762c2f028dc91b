package io.smsfoundation.domain.event;

import java.util.UUID;

/**
 * What decides who hears of an event: the conversation it is about and, as they were when it
 * happened, the conversation's tenant and workflow, and whether the sender was over its inbound
 * rate.
 *
 * @param conversationId the conversation, or {@code null} for an event about none (usage)
 * @param tenantId the conversation's tenant, or {@code null} while it is unknown
 * @param workflowType the conversation's workflow type, or {@code null}
 * @param throttled whether the message came from a sender over its inbound rate: such events stay
 *     in the feed but are delivered to no subscriber
 */
public record EventRouting(
    UUID conversationId, String tenantId, String workflowType, boolean throttled) {

  /** Routing for an event about no conversation. */
  public static EventRouting none() {
    return new EventRouting(null, null, null, false);
  }

  public boolean tenantKnown() {
    return tenantId != null;
  }
}
