package io.smsfoundation.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.domain.message.Media;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text of the JSONB columns: webhook forms, media lists and tenant number lists. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A form as a JSON object, keys in the form's order (JSONB then keeps them in its own). */
  static String ofForm(Map<String, String> form) {
    ObjectNode node = MAPPER.createObjectNode();
    form.forEach(node::put);
    return write(node);
  }

  static Map<String, String> toForm(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    JsonNode node = read(json);
    Map<String, String> form = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      form.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
    }
    return Collections.unmodifiableMap(form);
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
