package io.smsfoundation.app.http;

import io.smsfoundation.app.http.Views.EventPageView;
import io.smsfoundation.app.http.Views.EventView;
import io.smsfoundation.domain.event.EventType;
import io.smsfoundation.ports.in.ReadEvents;
import io.smsfoundation.ports.in.ReadEvents.EventPage;
import io.smsfoundation.ports.in.ReadEvents.EventQuery;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /events?after=&types=&limit=}: the events feed, oldest first. {@code after} is the
 * opaque {@code next_cursor} of the previous page (none: from the beginning); {@code types} a
 * comma-separated list of event types. A consumer that keeps the cursor of the last page it handled
 * never misses an event and never sees one twice.
 */
public final class EventsEndpoint implements Endpoint {

  /** Events per page unless {@code limit} says otherwise. */
  static final int DEFAULT_LIMIT = 100;

  private static final String CURSOR_PREFIX = "feed:";

  private final ReadEvents readEvents;
  private final JsonCodec json;

  public EventsEndpoint(ReadEvents readEvents, JsonCodec json) {
    this.readEvents = readEvents;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    EventPage page =
        readEvents.read(
            new EventQuery(
                position(request.queryParam("after")),
                types(request.queryParam("types")),
                Queries.intParam(request, "limit", DEFAULT_LIMIT, 1, ReadEvents.MAX_LIMIT)));
    return HttpReply.json(
        200,
        json.write(
            new EventPageView(
                page.events().stream().map(EventView::of).toList(), cursor(page.nextPosition()))));
  }

  /** The opaque cursor of a feed position. */
  static String cursor(long position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  private static long position(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String text =
          new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_PREFIX)) {
        long position = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException malformed) {
      // falls through to the refusal
    }
    throw ApiError.validation(
        "The cursor is not one this feed gave", Map.of("after", "is not a feed cursor"));
  }

  private static Set<EventType> types(String list) {
    Set<EventType> types = new LinkedHashSet<>();
    if (list == null || list.isBlank()) {
      return types;
    }
    for (String code : list.split(",")) {
      if (code.isBlank()) {
        continue;
      }
      types.add(
          EventType.fromCode(code)
              .orElseThrow(
                  () ->
                      ApiError.validation(
                          "The request is invalid",
                          Map.of("types", "names an unknown event type: " + Queries.clip(code)))));
    }
    return types;
  }
}
