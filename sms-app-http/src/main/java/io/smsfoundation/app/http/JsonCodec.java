package io.smsfoundation.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.domain.message.StorableText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON: snake_case names, strict parsing (duplicate keys, trailing garbage, invalid UTF-8
 * and text no store can keep, a NUL or an unpaired surrogate anywhere, are refused with a 400). One
 * instance is shared; thread-safe.
 */
public final class JsonCodec {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Serializes a response body. */
  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiError 400 when it is empty, malformed, not UTF-8 or not an object
   */
  public ObjectNode readObject(byte[] body) {
    if (body.length == 0) {
      throw ApiError.validation(
          "The request body must be a JSON object", Map.of("body", "is empty"));
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException malformed) {
      throw ApiError.validation(
          "The request body is not valid JSON", Map.of("body", "is not valid JSON"));
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiError.validation(
          "The request body must be a JSON object", Map.of("body", "must be a JSON object"));
    }
    String unstorable = firstUnstorable(object, "");
    if (unstorable != null) {
      throw ApiError.validation(
          "The request body holds a NUL or an unpaired surrogate character",
          Map.of(
              unstorable.isEmpty() ? "body" : unstorable,
              "must not contain NUL or unpaired surrogate characters"));
    }
    return object;
  }

  /**
   * The path ({@code to}, {@code items.2}) of the first name or text that a store cannot keep, or
   * {@code null} when there is none.
   */
  private static String firstUnstorable(JsonNode node, String path) {
    if (node.isTextual()) {
      return StorableText.isStorable(node.textValue()) ? null : path;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (!StorableText.isStorable(field.getKey())) {
          return path.isEmpty() ? "body" : path;
        }
        String found = firstUnstorable(field.getValue(), at);
        if (found != null) {
          return found;
        }
      }
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = firstUnstorable(node.get(i), path + "." + i);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The optional text fields of a JSON object: absent or {@code null} give {@code null}, anything
   * but a string is a 400 naming the field.
   */
  public static Map<String, String> textFields(ObjectNode object, String... names) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (String name : names) {
      JsonNode value = object.get(name);
      if (value == null || value.isNull()) {
        values.put(name, null);
      } else if (value.isTextual()) {
        values.put(name, value.textValue());
      } else {
        problems.put(name, "must be a string");
      }
    }
    if (!problems.isEmpty()) {
      throw ApiError.validation("The request body has fields of the wrong type", problems);
    }
    return values;
  }

  /**
   * An optional array of strings: absent or {@code null} give an empty list, anything but an array
   * of strings is a 400 naming the field. At most {@code max + 1} items are read, so that a flood
   * is refused by the caller's own size check without being copied.
   */
  public static List<String> textList(ObjectNode object, String name, int max) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    boolean allText = value.isArray();
    if (allText) {
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          allText = false;
          break;
        }
        if (items.size() <= max) {
          items.add(item.textValue());
        }
      }
    }
    if (!allText) {
      throw ApiError.validation(
          "The request body has fields of the wrong type",
          Map.of(name, "must be an array of strings"));
    }
    return items;
  }
}
