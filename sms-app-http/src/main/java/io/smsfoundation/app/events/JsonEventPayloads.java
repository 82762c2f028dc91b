package io.smsfoundation.app.events;

import io.smsfoundation.app.http.ApiViews;
import io.smsfoundation.app.http.JsonCodec;
import io.smsfoundation.ports.out.EventPayloads;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders an event's {@code data} with the API's own JSON: the summary fields, then the message
 * exactly as {@code GET /conversations/{phone}} shows it (or the call as {@code GET
 * /conversations/{phone}/calls} does). Thread-safe.
 */
public final class JsonEventPayloads implements EventPayloads {

  private final JsonCodec json;

  public JsonEventPayloads(JsonCodec json) {
    this.json = json;
  }

  @Override
  public String render(EventSubject subject) {
    Map<String, Object> data = subject.summary();
    if (subject.message() != null) {
      data.put("message", ApiViews.message(subject.message()));
    }
    if (subject.call() != null) {
      data.put("call", ApiViews.call(subject.call()));
    }
    return new String(json.write(data), StandardCharsets.UTF_8);
  }
}
