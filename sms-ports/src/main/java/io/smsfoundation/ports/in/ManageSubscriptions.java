package io.smsfoundation.ports.in;

import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.domain.event.Subscription;
import io.smsfoundation.domain.event.WebhookSecret;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions: create (the secret is shown once), read, change, delete, rotate the
 * secret, list deliveries and retry a failed one.
 */
public interface ManageSubscriptions {

  /** Longest description kept. */
  int MAX_DESCRIPTION_LENGTH = 500;

  /** Most deliveries one page holds. */
  int MAX_PAGE = 100;

  Created create(NewSubscription request);

  List<Subscription> list();

  Optional<Subscription> get(String id);

  /** Empty when no subscription has this id. */
  Optional<Subscription> change(String id, SubscriptionChange change);

  boolean delete(String id);

  /** The subscription with a new secret; the old one keeps signing for a day. */
  Optional<Created> rotateSecret(String id);

  /** Empty when no subscription has this id. */
  Optional<List<Delivery>> deliveries(String subscriptionId, DeliveryQuery query);

  RetryOutcome retryDelivery(String subscriptionId, String deliveryId);

  /** A subscription and its secret, the only time the secret is shown. */
  record Created(Subscription subscription, WebhookSecret secret) {}

  /**
   * @param workflowTypes empty for every workflow type
   */
  record NewSubscription(
      String url,
      Set<EventType> eventTypes,
      Set<String> workflowTypes,
      boolean includeUnknown,
      String description) {

    public NewSubscription {
      eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
      workflowTypes = workflowTypes == null ? Set.of() : Set.copyOf(workflowTypes);
      new Validation()
          .require(Validation.present(url), "url", "is required")
          .require(!eventTypes.isEmpty(), "event_types", "must name at least one event type")
          .require(
              description == null || description.length() <= MAX_DESCRIPTION_LENGTH,
              "description",
              "must be at most " + MAX_DESCRIPTION_LENGTH + " characters")
          .throwIfInvalid();
    }
  }

  /** What to change; an empty field keeps its value. */
  record SubscriptionChange(
      Optional<String> url,
      Optional<Set<EventType>> eventTypes,
      Optional<Set<String>> workflowTypes,
      Optional<Boolean> includeUnknown,
      Optional<String> description,
      Optional<Boolean> enabled) {

    public SubscriptionChange {
      new Validation()
          .require(
              eventTypes.map(types -> !types.isEmpty()).orElse(true),
              "event_types",
              "must name at least one event type")
          .require(
              description.map(d -> d.length() <= MAX_DESCRIPTION_LENGTH).orElse(true),
              "description",
              "must be at most " + MAX_DESCRIPTION_LENGTH + " characters")
          .throwIfInvalid();
    }
  }

  /**
   * @param beforeId the last delivery of the previous page, or empty for the newest
   */
  record DeliveryQuery(Optional<Delivery.Status> status, Optional<String> beforeId, int limit) {

    public DeliveryQuery {
      new Validation()
          .require(limit >= 1 && limit <= MAX_PAGE, "limit", "must be between 1 and " + MAX_PAGE)
          .throwIfInvalid();
    }
  }

  /** What a manual retry did. */
  sealed interface RetryOutcome {

    /** The delivery is due again at once. */
    record Retried(Delivery delivery) implements RetryOutcome {}

    /** No such subscription or delivery. */
    record NotFound() implements RetryOutcome {}

    /** Only a failed delivery can be retried by hand. */
    record NotFailed(Delivery delivery) implements RetryOutcome {}
  }

  /** Where subscriptions may post. */
  record UrlPolicy(boolean allowPlainHttp) {

    /**
     * Whether the service may post to {@code url}: {@code https}, or {@code http} where plain HTTP
     * is allowed (local mode) or to a loopback address.
     */
    public boolean allows(URI url) {
      if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
        return false;
      }
      String scheme =
          url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (scheme.equals("https")) {
        return true;
      }
      return scheme.equals("http") && (allowPlainHttp || isLoopback(url.getHost()));
    }

    private static boolean isLoopback(String host) {
      String h = host.toLowerCase(java.util.Locale.ROOT);
      return h.equals("localhost")
          || h.equals("[::1]")
          || h.equals("::1")
          || h.matches("127(\\.\\d{1,3}){3}");
    }
  }
}
