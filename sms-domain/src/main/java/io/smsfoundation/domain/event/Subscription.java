package io.smsfoundation.domain.event;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A workflow's standing request to be told of events by webhook: where to post, which events, and
 * the secrets that sign the posts. Decides which events it wants ({@link #accepts}) and when it has
 * failed long enough to be switched off ({@link #afterFailure}). Immutable.
 *
 * @param eventTypes the event types it wants (the ones this version knows)
 * @param workflowTypes the workflow types it wants; empty for every one
 * @param includeUnknown whether it wants {@code message.received} from numbers without a known
 *     tenant (by default those trigger no workflow)
 * @param previousSecret the secret before the last rotation, which keeps signing until {@code
 *     previousSecretUntil}; {@code null} when there is none
 * @param disabledReason why the service switched it off, or {@code null}
 * @param failingSince when its deliveries started failing without a success since, or {@code null}
 */
public record Subscription(
    String id,
    URI url,
    Set<EventType> eventTypes,
    Set<String> workflowTypes,
    boolean includeUnknown,
    String description,
    boolean enabled,
    String disabledReason,
    WebhookSecret secret,
    WebhookSecret previousSecret,
    Instant previousSecretUntil,
    Instant failingSince,
    Instant createdAt,
    Instant updatedAt) {

  /** The prefix of every subscription id. */
  public static final String ID_PREFIX = "sub_";

  /** How long a rotated-out secret keeps signing, so that receivers can switch without a gap. */
  public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

  /** How long every delivery may fail before the subscription is switched off. */
  public static final Duration FAILING_LIMIT = Duration.ofDays(5);

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    eventTypes = Set.copyOf(eventTypes);
    workflowTypes = workflowTypes == null ? Set.of() : Set.copyOf(workflowTypes);
  }

  /** A new, enabled subscription. */
  public static Subscription create(
      String id,
      URI url,
      Set<EventType> eventTypes,
      Set<String> workflowTypes,
      boolean includeUnknown,
      String description,
      WebhookSecret secret,
      Instant at) {
    return new Subscription(
        id,
        url,
        eventTypes,
        workflowTypes,
        includeUnknown,
        description,
        true,
        null,
        secret,
        null,
        null,
        null,
        at,
        at);
  }

  /**
   * Whether this subscription wants an event of {@code type} with {@code routing}: it is enabled,
   * wants the type and the workflow, and the event is not from a throttled sender; a message from a
   * number without a known tenant only when it asked for those.
   */
  public boolean accepts(EventType type, EventRouting routing) {
    if (!enabled || !eventTypes.contains(type) || routing.throttled()) {
      return false;
    }
    if (!workflowTypes.isEmpty()
        && (routing.workflowType() == null || !workflowTypes.contains(routing.workflowType()))) {
      return false;
    }
    return type != EventType.MESSAGE_RECEIVED || routing.tenantKnown() || includeUnknown;
  }

  /** The secrets that sign a post at {@code at}: the current one, and the previous within 24 h. */
  public List<WebhookSecret> signingSecrets(Instant at) {
    List<WebhookSecret> secrets = new ArrayList<>(2);
    secrets.add(secret);
    if (previousSecret != null && previousSecretUntil != null && at.isBefore(previousSecretUntil)) {
      secrets.add(previousSecret);
    }
    return secrets;
  }

  /** This subscription with a new secret; the current one keeps signing for a day. */
  public Subscription rotatedTo(WebhookSecret next, Instant at) {
    return new Subscription(
        id,
        url,
        eventTypes,
        workflowTypes,
        includeUnknown,
        description,
        enabled,
        disabledReason,
        next,
        secret,
        at.plus(ROTATION_OVERLAP),
        failingSince,
        createdAt,
        at);
  }

  /** This subscription after a delivery succeeded: whatever failed before is forgotten. */
  public Subscription afterSuccess(Instant at) {
    if (failingSince == null) {
      return this;
    }
    return withFailure(null, enabled, disabledReason, at);
  }

  /**
   * This subscription after a delivery attempt failed: failing from now if it was not, and switched
   * off once it has failed for {@link #FAILING_LIMIT} without a success.
   */
  public Subscription afterFailure(Instant at) {
    Instant since = failingSince == null ? at : failingSince;
    if (enabled && !at.isBefore(since.plus(FAILING_LIMIT))) {
      return withFailure(
          since, false, "every delivery failed for " + FAILING_LIMIT.toDays() + " days", at);
    }
    return since.equals(failingSince) ? this : withFailure(since, enabled, disabledReason, at);
  }

  /** This subscription changed by its owner; re-enabling clears the reason it was switched off. */
  public Subscription changed(
      URI newUrl,
      Set<EventType> newEventTypes,
      Set<String> newWorkflowTypes,
      boolean newIncludeUnknown,
      String newDescription,
      boolean newEnabled,
      Instant at) {
    boolean reenabled = newEnabled && !enabled;
    return new Subscription(
        id,
        newUrl,
        newEventTypes,
        newWorkflowTypes,
        newIncludeUnknown,
        newDescription,
        newEnabled,
        newEnabled ? null : disabledReason,
        secret,
        previousSecret,
        previousSecretUntil,
        reenabled ? null : failingSince,
        createdAt,
        at);
  }

  private Subscription withFailure(Instant since, boolean isEnabled, String reason, Instant at) {
    return new Subscription(
        id,
        url,
        eventTypes,
        workflowTypes,
        includeUnknown,
        description,
        isEnabled,
        reason,
        secret,
        previousSecret,
        previousSecretUntil,
        since,
        createdAt,
        at);
  }

  @Override
  public String toString() {
    return "Subscription[" + id + " " + url.getHost() + " " + eventTypes + "]";
  }
}
