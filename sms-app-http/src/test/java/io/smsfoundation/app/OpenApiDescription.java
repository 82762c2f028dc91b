package io.smsfoundation.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code docs/openapi.yaml}, read to check real responses against it: finds the operation by path
 * template and method, the response by status, and validates the body with the JSON Schema 2020-12
 * dialect of OpenAPI 3.1 (references resolved within the document).
 */
final class OpenApiDescription {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /** The document's id for the schema registry, which reads it from memory, never from there. */
  private static final String IRI = "https://sms-foundation.invalid/docs/openapi.yaml";

  private final JsonNode root;
  private final SchemaRegistry schemas;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** One operation: a path template and a lower-case method. */
  record Operation(String path, String method) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  OpenApiDescription(Path file) {
    String text;
    try {
      text = Files.readString(file);
      this.root = YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.schemas =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi31(), registry -> registry.schemas(Map.of(IRI, text)));
  }

  JsonNode root() {
    return root;
  }

  /** Every path template and method the document describes. */
  Set<Operation> operations() {
    Set<Operation> all = new LinkedHashSet<>();
    root.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            all.add(new Operation(path.getKey(), method));
                          }
                        }));
    return all;
  }

  /** The operation whose template matches a raw request path, if any. */
  Optional<Operation> operationFor(String method, String rawPath) {
    String lower = method.toLowerCase(Locale.ROOT);
    for (Operation operation : operations()) {
      if (operation.method().equals(lower)
          && templatePattern(operation.path()).matcher(rawPath).matches()) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  private static Pattern templatePattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  /**
   * Everything wrong with a response: an undocumented status, a missing required header, an
   * undocumented content type, a body that does not match its schema. Empty when it matches.
   */
  List<String> problems(Operation operation, HttpResponse<String> response) {
    List<String> problems = new ArrayList<>();
    String operationPointer =
        "/paths/" + escape(operation.path()) + "/" + operation.method() + "/responses/";
    String status = Integer.toString(response.statusCode());
    if (root.at(operationPointer + status).isMissingNode()) {
      problems.add("status " + status + " is not documented");
      return problems;
    }
    String responsePointer = resolve(operationPointer + status);
    JsonNode described = root.at(responsePointer);
    for (Map.Entry<String, JsonNode> header : described.path("headers").properties()) {
      JsonNode definition =
          root.at(resolve(responsePointer + "/headers/" + escape(header.getKey())));
      if (definition.path("required").asBoolean(false)
          && response.headers().firstValue(header.getKey()).isEmpty()) {
        problems.add("required header " + header.getKey() + " is missing");
      }
    }
    String contentType =
        response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    JsonNode content = described.path("content");
    if (content.isMissingNode()) {
      if (!response.body().isEmpty()) {
        problems.add("a body is sent but none is documented");
      }
      return problems;
    }
    if (!content.has(contentType)) {
      problems.add("content type '" + contentType + "' is not documented");
      return problems;
    }
    String schemaPointer = responsePointer + "/content/" + escape(contentType) + "/schema";
    JsonNode body;
    if (contentType.equals("application/json")) {
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        problems.add("the body is not JSON: " + response.body());
        return problems;
      }
    } else {
      body = TextNode.valueOf(response.body());
    }
    for (Error error : schema(schemaPointer).validate(body)) {
      problems.add("body " + error.getInstanceLocation() + ": " + error.getMessage());
    }
    return problems;
  }

  /** Compiles every response schema the document has: all references resolve. */
  int compileAllResponseSchemas() {
    int count = 0;
    for (Operation operation : operations()) {
      String pointer =
          "/paths/" + escape(operation.path()) + "/" + operation.method() + "/responses";
      Iterator<String> statuses = root.at(pointer).fieldNames();
      while (statuses.hasNext()) {
        String responsePointer = resolve(pointer + "/" + statuses.next());
        Iterator<String> types = root.at(responsePointer).path("content").fieldNames();
        while (types.hasNext()) {
          String schemaPointer = responsePointer + "/content/" + escape(types.next()) + "/schema";
          assertThat(root.at(schemaPointer).isMissingNode()).as(schemaPointer).isFalse();
          schema(schemaPointer).validate(JSON.nullNode());
          count++;
        }
      }
    }
    return count;
  }

  private Schema schema(String pointer) {
    return compiled.computeIfAbsent(
        pointer, p -> schemas.getSchema(SchemaLocation.of(IRI + "#" + p)));
  }

  /**
   * Follows a {@code $ref} to another place in the document, if the node at {@code pointer} is one.
   */
  private String resolve(String pointer) {
    JsonNode node = root.at(pointer);
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      assertThat(ref).as("only local references").startsWith("#/");
      pointer = ref.substring(1);
      node = root.at(pointer);
      assertThat(node.isMissingNode()).as("reference " + ref + " resolves").isFalse();
    }
    return pointer;
  }

  /** A JSON-pointer token: {@code ~} and {@code /} escaped. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
