package io.smsfoundation.adapter.monitor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lookup answers and writes language updates in the Monitor's JSON shapes ({@code
 * docs/monitor-api.md}). Lenient where a field is optional, strict where the answer would otherwise
 * be misread. Thread-safe.
 */
final class MonitorJson {

  /** What a {@code 2xx} lookup answer says. */
  sealed interface LookupBody {}

  /**
   * A tenant; {@code candidates} is how many the answer listed (more than one is ambiguous and
   * worth a warning).
   */
  record Tenant(TenantProfile profile, int candidates) implements LookupBody {}

  /** Empty body, {@code null}, {@code []} or {@code {}}: the Monitor knows no tenant. */
  record Empty() implements LookupBody {}

  /** Not one of the contract's shapes; {@code why} is safe to log (it holds no body text). */
  record Malformed(String why) implements LookupBody {}

  private final ObjectMapper mapper = new ObjectMapper();

  LookupBody readLookup(String body) {
    if (body == null || body.isBlank()) {
      return new Empty();
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      // The parser's own message quotes the body; only the position is kept.
      JsonLocation at = e.getLocation();
      return new Malformed(
          at == null
              ? "invalid JSON"
              : "invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Empty();
    }
    if (root.isArray()) {
      if (root.isEmpty()) {
        return new Empty();
      }
      JsonNode first = root.get(0);
      if (!first.isObject()) {
        return new Malformed("array of " + first.getNodeType() + " instead of tenant objects");
      }
      return readTenant(first, root.size());
    }
    if (root.isObject()) {
      return root.isEmpty() ? new Empty() : readTenant(root, 1);
    }
    return new Malformed("a JSON " + root.getNodeType() + " instead of a tenant object");
  }

  String writeLanguage(LanguageDetection detection) {
    ObjectNode node = mapper.createObjectNode();
    node.put("language", detection.language().code());
    // Four decimals say all a detector's confidence can say and keep the body stable.
    node.put("confidence", Math.round(detection.confidence() * 10_000) / 10_000.0);
    node.put("source", "sms");
    return node.toString();
  }

  private static LookupBody readTenant(JsonNode node, int candidates) {
    JsonNode id = node.get("tenant_id");
    String tenantId;
    if (id != null && id.isTextual()) {
      tenantId = id.textValue().strip();
    } else if (id != null && id.isIntegralNumber()) {
      // Tenant ids are the Monitor's, not ours to type: a numeric id is kept as its text.
      tenantId = id.asText();
    } else {
      return new Malformed(
          id == null || id.isNull()
              ? "tenant object without tenant_id"
              : "tenant_id must be a string, not " + id.getNodeType());
    }
    if (tenantId.isEmpty()) {
      return new Malformed("tenant_id is blank");
    }
    JsonNode language = node.get("language_preference");
    Language preference =
        language != null && language.isTextual()
            ? Language.fromCode(language.textValue())
            : Language.UNKNOWN;
    return new Tenant(
        new TenantProfile(tenantId, phoneNumbers(node.get("phone_numbers")), preference),
        candidates);
  }

  private static List<String> phoneNumbers(JsonNode node) {
    List<String> numbers = new ArrayList<>();
    if (node == null) {
      return numbers;
    }
    if (node.isTextual()) {
      numbers.add(node.textValue());
    } else if (node.isArray()) {
      // Entries that are not strings are skipped: the numbers are informative, the match is not
      // derived from them.
      for (JsonNode entry : node) {
        if (entry.isTextual() && !entry.textValue().isBlank()) {
          numbers.add(entry.textValue());
        }
      }
    }
    return numbers;
  }
}
