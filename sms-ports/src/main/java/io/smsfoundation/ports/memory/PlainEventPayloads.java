package io.smsfoundation.ports.memory;

import io.smsfoundation.ports.out.EventPayloads;
import java.util.Collection;
import java.util.Map;

/**
 * {@link EventPayloads} without a JSON library: the {@linkplain EventSubject#summary() summary}
 * fields only (ids, number, tenant, workflow, language, details), no message body. For embedders
 * that render events themselves and for tests. Thread-safe.
 */
public final class PlainEventPayloads implements EventPayloads {

  @Override
  public String render(EventSubject subject) {
    StringBuilder json = new StringBuilder(256);
    write(json, subject.summary());
    return json.toString();
  }

  private static void write(StringBuilder json, Object value) {
    switch (value) {
      case null -> json.append("null");
      case Boolean b -> json.append(b);
      case Number n -> json.append(n);
      case Map<?, ?> map -> {
        json.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> field : map.entrySet()) {
          if (!first) {
            json.append(',');
          }
          first = false;
          string(json, String.valueOf(field.getKey()));
          json.append(':');
          write(json, field.getValue());
        }
        json.append('}');
      }
      case Collection<?> items -> {
        json.append('[');
        boolean first = true;
        for (Object item : items) {
          if (!first) {
            json.append(',');
          }
          first = false;
          write(json, item);
        }
        json.append(']');
      }
      default -> string(json, value.toString());
    }
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
