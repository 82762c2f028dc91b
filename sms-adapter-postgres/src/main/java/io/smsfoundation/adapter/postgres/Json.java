package io.smsfoundation.adapter.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.domain.message.Media;
import io.smsfoundation.domain.message.RawForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON text of the JSONB columns: webhook forms, media lists and tenant number lists. */
final class Json {

  /**
   * One set of limits for writing and reading: none on the length of names and strings (writing has
   * none). Whatever a form holds (the webhook's body limit bounds it) was written without a limit,
   * so it must read back without one; Jackson's default read limits (names of at most 50,000
   * characters, for one) would make a stored message unreadable.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNameLength(Integer.MAX_VALUE)
                          .maxStringLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .build();

  private Json() {}

  /**
   * A form as a JSON object: a name that came once maps to its value, a name that came more than
   * once to the array of its values in arrival order. (JSONB keeps the values' order but not the
   * names'.)
   */
  static String ofForm(RawForm form) {
    ObjectNode node = MAPPER.createObjectNode();
    form.asMap()
        .forEach(
            (name, values) -> {
              if (values.size() == 1) {
                node.put(name, values.getFirst());
              } else {
                ArrayNode array = node.putArray(name);
                values.forEach(array::add);
              }
            });
    return write(node);
  }

  /** The form of a JSONB column, with the exact body beside it when the row has one. */
  static RawForm toForm(String json, byte[] exactBody) {
    RawForm form = toForm(json);
    return exactBody == null ? form : form.withBody(exactBody);
  }

  static RawForm toForm(String json) {
    if (json == null || json.isEmpty()) {
      return RawForm.empty();
    }
    RawForm.Builder form = RawForm.builder();
    for (Map.Entry<String, JsonNode> field : read(json).properties()) {
      JsonNode value = field.getValue();
      if (value.isArray()) {
        value.forEach(item -> form.add(field.getKey(), text(item)));
      } else {
        form.add(field.getKey(), text(value));
      }
    }
    return form.build();
  }

  private static String text(JsonNode node) {
    return node.isNull() ? "" : node.asText();
  }

  /** {@code [{"url": ..., "content_type": ...}]}. */
  static String ofMedia(List<Media> media) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Media item : media) {
      ObjectNode node = array.addObject();
      node.put("url", item.url());
      node.put("content_type", item.contentType());
    }
    return write(array);
  }

  static List<Media> toMedia(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    List<Media> media = new ArrayList<>();
    for (JsonNode node : read(json)) {
      JsonNode type = node.get("content_type");
      media.add(
          new Media(
              node.path("url").asText(), type == null || type.isNull() ? null : type.asText()));
    }
    return List.copyOf(media);
  }

  static String ofStrings(List<String> strings) {
    ArrayNode array = MAPPER.createArrayNode();
    strings.forEach(array::add);
    return write(array);
  }

  static List<String> toStrings(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode node : read(json)) {
      strings.add(node.asText());
    }
    return List.copyOf(strings);
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the database holds malformed JSON", e);
    }
  }
}
