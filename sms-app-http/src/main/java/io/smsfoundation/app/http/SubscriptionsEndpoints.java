package io.smsfoundation.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.app.http.Views.DeliveryPageView;
import io.smsfoundation.app.http.Views.DeliveryView;
import io.smsfoundation.app.http.Views.SubscriptionListView;
import io.smsfoundation.app.http.Views.SubscriptionView;
import io.smsfoundation.domain.event.Delivery;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.in.ManageSubscriptions;
import io.smsfoundation.ports.in.ManageSubscriptions.Created;
import io.smsfoundation.ports.in.ManageSubscriptions.DeliveryQuery;
import io.smsfoundation.ports.in.ManageSubscriptions.NewSubscription;
import io.smsfoundation.ports.in.ManageSubscriptions.RetryOutcome;
import io.smsfoundation.ports.in.ManageSubscriptions.SubscriptionChange;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * The webhook subscriptions API: {@code POST/GET /subscriptions}, {@code GET/PATCH/DELETE
 * /subscriptions/{id}}, {@code POST /subscriptions/{id}/secret} (rotate), {@code GET
 * /subscriptions/{id}/deliveries?status=&limit=&cursor=} and {@code POST
 * /subscriptions/{id}/deliveries/{delivery_id}/retry}. Each method gives the endpoint of one route.
 * A secret is shown in the answer that creates it, never again.
 */
public final class SubscriptionsEndpoints {

  /** Deliveries per page unless {@code limit} says otherwise. */
  static final int DEFAULT_PAGE = 50;

  private static final Set<String> FIELDS =
      Set.of("url", "event_types", "workflow_types", "include_unknown", "description", "enabled");

  private final ManageSubscriptions subscriptions;
  private final JsonCodec json;

  public SubscriptionsEndpoints(ManageSubscriptions subscriptions, JsonCodec json) {
    this.subscriptions = subscriptions;
    this.json = json;
  }

  public Endpoint create() {
    return request -> {
      ObjectNode body = json.readObject(request.body());
      refuseUnknownFields(body, Set.of("enabled"));
      Map<String, String> text = JsonCodec.textFields(body, "url", "description");
      Created created =
          subscriptions.create(
              new NewSubscription(
                  text.get("url"),
                  eventTypes(body).orElse(Set.of()),
                  strings(body, "workflow_types").orElse(Set.of()),
                  bool(body, "include_unknown").orElse(false),
                  text.get("description")));
      MDC.put("subscription_id", created.subscription().id());
      return HttpReply.json(
              201, json.write(SubscriptionView.of(created.subscription(), created.secret())))
          .withOutcome("created");
    };
  }

  public Endpoint list() {
    return request ->
        HttpReply.json(
            200,
            json.write(
                new SubscriptionListView(
                    subscriptions.list().stream()
                        .map(s -> SubscriptionView.of(s, null))
                        .toList())));
  }

  public Endpoint get() {
    return request ->
        subscriptions
            .get(id(request))
            .map(s -> HttpReply.json(200, json.write(SubscriptionView.of(s, null))))
            .orElseThrow(SubscriptionsEndpoints::notFound);
  }

  public Endpoint change() {
    return request -> {
      ObjectNode body = json.readObject(request.body());
      refuseUnknownFields(body, Set.of());
      Map<String, String> text = JsonCodec.textFields(body, "url", "description");
      SubscriptionChange change =
          new SubscriptionChange(
              Optional.ofNullable(text.get("url")),
              eventTypes(body),
              strings(body, "workflow_types"),
              bool(body, "include_unknown"),
              body.has("description")
                  ? Optional.of(text.get("description") == null ? "" : text.get("description"))
                  : Optional.empty(),
              bool(body, "enabled"));
      return subscriptions
          .change(id(request), change)
          .map(s -> HttpReply.json(200, json.write(SubscriptionView.of(s, null))))
          .orElseThrow(SubscriptionsEndpoints::notFound);
    };
  }

  public Endpoint delete() {
    return request -> {
      if (!subscriptions.delete(id(request))) {
        throw notFound();
      }
      return HttpReply.noContent().withOutcome("deleted");
    };
  }

  public Endpoint rotateSecret() {
    return request ->
        subscriptions
            .rotateSecret(id(request))
            .map(
                created ->
                    HttpReply.json(
                            200,
                            json.write(
                                SubscriptionView.of(created.subscription(), created.secret())))
                        .withOutcome("rotated"))
            .orElseThrow(SubscriptionsEndpoints::notFound);
  }

  public Endpoint deliveries() {
    return request -> {
      DeliveryQuery query =
          new DeliveryQuery(
              status(request.queryParam("status")),
              Optional.ofNullable(request.queryParam("cursor")).filter(c -> !c.isBlank()),
              Queries.intParam(request, "limit", DEFAULT_PAGE, 1, ManageSubscriptions.MAX_PAGE));
      List<Delivery> page =
          subscriptions
              .deliveries(id(request), query)
              .orElseThrow(SubscriptionsEndpoints::notFound);
      String next = page.size() == query.limit() ? page.getLast().id() : null;
      return HttpReply.json(
          200,
          json.write(new DeliveryPageView(page.stream().map(DeliveryView::of).toList(), next)));
    };
  }

  public Endpoint retryDelivery() {
    return request ->
        switch (subscriptions.retryDelivery(id(request), request.pathParam("delivery_id"))) {
          case RetryOutcome.Retried retried ->
              HttpReply.json(202, json.write(DeliveryView.of(retried.delivery())))
                  .withOutcome("retried");
          case RetryOutcome.NotFound notFound ->
              throw ApiError.notFound("No such delivery of this subscription");
          case RetryOutcome.NotFailed notFailed ->
              throw ApiError.conflict(
                  "sms.conflict",
                  "Only a failed delivery can be retried; this one is "
                      + notFailed.delivery().status().code());
        };
  }

  private static String id(HttpRequest request) {
    String id = request.pathParam("id");
    MDC.put("subscription_id", Queries.clip(id));
    return id;
  }

  private static ApiError notFound() {
    return ApiError.notFound("No subscription has this id");
  }

  private static void refuseUnknownFields(ObjectNode body, Set<String> alsoRefused) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name) || alsoRefused.contains(name)) {
        problems.put(Queries.clip(name), "is not a field of a subscription");
      }
    }
    if (!problems.isEmpty()) {
      throw ApiError.validation("The request body has unknown fields", problems);
    }
  }

  private static Optional<Set<EventType>> eventTypes(ObjectNode body) {
    Optional<Set<String>> codes = strings(body, "event_types");
    if (codes.isEmpty()) {
      return Optional.empty();
    }
    Set<EventType> types = new LinkedHashSet<>();
    for (String code : codes.get()) {
      types.add(
          EventType.fromCode(code)
              .orElseThrow(
                  () ->
                      ApiError.validation(
                          "The request is invalid",
                          Map.of(
                              "event_types",
                              "names an unknown event type: " + Queries.clip(code)))));
    }
    return Optional.of(types);
  }

  private static Optional<Set<String>> strings(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      throw ApiError.validation(
          "The request body has fields of the wrong type",
          Map.of(name, "must be an array of strings"));
    }
    Set<String> values = new LinkedHashSet<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw ApiError.validation(
            "The request body has fields of the wrong type",
            Map.of(name, "must be an array of strings"));
      }
      values.add(item.textValue().strip());
    }
    return Optional.of(values);
  }

  private static Optional<Boolean> bool(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw ApiError.validation(
          "The request body has fields of the wrong type", Map.of(name, "must be true or false"));
    }
    return Optional.of(node.booleanValue());
  }

  private static Optional<Delivery.Status> status(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Delivery.Status.valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      throw ApiError.validation(
          "The request is invalid", Map.of("status", "must be pending, delivered or failed"));
    }
  }
}
