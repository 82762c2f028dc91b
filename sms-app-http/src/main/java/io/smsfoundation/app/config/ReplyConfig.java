package io.smsfoundation.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.reply.AutoReplyRule;
import io.smsfoundation.domain.reply.AutoReplyRule.Hours;
import io.smsfoundation.domain.reply.AutoReplyRule.TenantCondition;
import io.smsfoundation.domain.reply.ComplianceTexts;
import io.smsfoundation.domain.reply.ReplyPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the service answers senders and how hard it protects them and itself: the compliance answers
 * (on or off, the company's name and contact, texts replacing the built-in ones from {@code
 * SMS_REPLY_TEMPLATES}), the auto-reply rules of {@code SMS_AUTO_REPLIES}, the replies a
 * conversation may get an hour, and the inbound rate per sender. Both variables name a file (JSON,
 * or YAML when named {@code .yaml} or {@code .yml}) or hold the JSON itself (a value starting with
 * <code>{</code>, for containers); every problem names the variable, the rule and the field.
 *
 * @param templates texts replacing the built-in compliance answers, by keyword and language
 * @param inboundRatePerSenderPerMinute messages a sender may send a minute before the next ones are
 *     marked throttled; {@code 0} for no limit
 */
public record ReplyConfig(
    boolean complianceReplies,
    String companyName,
    String companyContact,
    Map<OptIntent, Map<Language, String>> templates,
    List<AutoReplyRule> autoReplies,
    int repliesPerHour,
    int inboundRatePerSenderPerMinute) {

  public static final String SMS_COMPLIANCE_REPLIES = "SMS_COMPLIANCE_REPLIES";
  public static final String SMS_COMPANY_NAME = "SMS_COMPANY_NAME";
  public static final String SMS_COMPANY_CONTACT = "SMS_COMPANY_CONTACT";
  public static final String SMS_REPLY_TEMPLATES = "SMS_REPLY_TEMPLATES";
  public static final String SMS_AUTO_REPLIES = "SMS_AUTO_REPLIES";
  public static final String SMS_REPLIES_PER_HOUR = "SMS_REPLIES_PER_HOUR";
  public static final String SMS_INBOUND_RATE_PER_SENDER_PER_MINUTE =
      "SMS_INBOUND_RATE_PER_SENDER_PER_MINUTE";

  public static final String DEFAULT_COMPANY_NAME = "Property management";
  public static final int DEFAULT_REPLIES_PER_HOUR = 5;
  public static final int DEFAULT_INBOUND_RATE_PER_SENDER_PER_MINUTE = 20;
  public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(24);

  /** Longest reply text: ten segments of GSM-7. */
  public static final int MAX_TEXT_LENGTH = 1_530;

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Map<String, OptIntent> KEYWORDS =
      Map.of("help", OptIntent.HELP, "stop", OptIntent.OPT_OUT, "start", OptIntent.OPT_IN);
  private static final Map<String, Language> LANGUAGES =
      Map.of("en", Language.EN, "es", Language.ES, "pt", Language.PT);
  private static final Set<String> RULE_FIELDS =
      Set.of("id", "tenant", "hours", "days", "workflow_types", "cooldown", "text");
  private static final Set<String> HOURS_FIELDS = Set.of("from", "to", "time_zone");

  public ReplyConfig {
    templates = Map.copyOf(templates);
    autoReplies = List.copyOf(autoReplies);
  }

  /** Compliance answers on with the built-in texts, no auto-replies, the default limits. */
  public static ReplyConfig defaults() {
    return new ReplyConfig(
        true,
        DEFAULT_COMPANY_NAME,
        null,
        Map.of(),
        List.of(),
        DEFAULT_REPLIES_PER_HOUR,
        DEFAULT_INBOUND_RATE_PER_SENDER_PER_MINUTE);
  }

  @Override
  public String toString() {
    return "Replies[compliance="
        + (complianceReplies ? "on" : "off")
        + ", templates="
        + templates.size()
        + ", autoReplies="
        + autoReplies.size()
        + ", repliesPerHour="
        + repliesPerHour
        + ", inboundRatePerSenderPerMinute="
        + inboundRatePerSenderPerMinute
        + "]";
  }

  /** The policy these settings describe. */
  public ReplyPolicy policy() {
    return new ReplyPolicy(
        ComplianceTexts.of(companyName, companyContact, templates),
        complianceReplies,
        autoReplies,
        repliesPerHour);
  }

  static ReplyConfig read(AppConfig.Reader read) {
    String compliance = read.text(SMS_COMPLIANCE_REPLIES);
    boolean complianceOn = true;
    if (compliance != null) {
      switch (compliance.toLowerCase(Locale.ROOT)) {
        case "on", "true" -> complianceOn = true;
        case "off", "false" -> complianceOn = false;
        default ->
            read.problem(SMS_COMPLIANCE_REPLIES, "must be on or off, got '" + compliance + "'");
      }
    }
    String company = read.text(SMS_COMPANY_NAME);
    String contact = read.text(SMS_COMPANY_CONTACT);
    if (company != null && company.length() > 100) {
      read.problem(SMS_COMPANY_NAME, "must be at most 100 characters");
    }
    if (contact != null && contact.length() > 200) {
      read.problem(SMS_COMPANY_CONTACT, "must be at most 200 characters");
    }
    Map<OptIntent, Map<Language, String>> templates = new EnumMap<>(OptIntent.class);
    String templatesFile = read.text(SMS_REPLY_TEMPLATES);
    if (templatesFile != null) {
      JsonNode tree = readFile(read, SMS_REPLY_TEMPLATES, templatesFile);
      if (tree != null) {
        readTemplates(new Problems(read, SMS_REPLY_TEMPLATES, ""), tree, templates);
      }
    }
    String companyName = company == null ? DEFAULT_COMPANY_NAME : company;
    List<AutoReplyRule> rules = List.of();
    String rulesFile = read.text(SMS_AUTO_REPLIES);
    if (rulesFile != null) {
      JsonNode tree = readFile(read, SMS_AUTO_REPLIES, rulesFile);
      if (tree != null) {
        rules = readRules(read, tree, companyName);
      }
    }
    Map<OptIntent, Map<Language, String>> frozen = new EnumMap<>(OptIntent.class);
    templates.forEach((intent, texts) -> frozen.put(intent, Map.copyOf(texts)));
    return new ReplyConfig(
        complianceOn,
        companyName,
        contact,
        frozen,
        rules,
        read.integer(SMS_REPLIES_PER_HOUR, DEFAULT_REPLIES_PER_HOUR, 0, 1_000),
        read.integer(
            SMS_INBOUND_RATE_PER_SENDER_PER_MINUTE,
            DEFAULT_INBOUND_RATE_PER_SENDER_PER_MINUTE,
            0,
            1_000_000));
  }

  private static JsonNode readFile(AppConfig.Reader read, String name, String file) {
    if (file.startsWith("{")) {
      return parse(read, name, new ObjectMapper(), () -> new ObjectMapper().readTree(file));
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (RuntimeException invalid) {
      read.problem(name, "is not a valid path");
      return null;
    }
    if (!Files.isRegularFile(path)) {
      read.problem(name, "names no readable file: " + path.toAbsolutePath().normalize());
      return null;
    }
    String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper =
        lower.endsWith(".yaml") || lower.endsWith(".yml")
            ? new ObjectMapper(new YAMLFactory())
            : new ObjectMapper();
    return parse(read, name, mapper, () -> mapper.readTree(path.toFile()));
  }

  /** Reads a tree; {@code null} after reporting why not. */
  private interface TreeSource {
    JsonNode read() throws IOException;
  }

  private static JsonNode parse(
      AppConfig.Reader read, String name, ObjectMapper mapper, TreeSource source) {
    try {
      JsonNode tree = source.read();
      if (tree == null || !tree.isObject()) {
        read.problem(name, "must hold an object at its top level");
        return null;
      }
      return tree;
    } catch (JacksonException malformed) {
      read.problem(
          name,
          "is not valid "
              + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON")
              + " at line "
              + (malformed.getLocation() == null ? "?" : malformed.getLocation().getLineNr()));
      return null;
    } catch (IOException unreadable) {
      read.problem(name, "could not be read: " + unreadable.getClass().getSimpleName());
      return null;
    }
  }

  private static void readTemplates(
      Problems problems, JsonNode tree, Map<OptIntent, Map<Language, String>> templates) {
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      OptIntent intent = KEYWORDS.get(field.getKey());
      if (intent == null) {
        problems.add(field.getKey(), "is not a keyword; use help, stop or start");
        continue;
      }
      Map<Language, String> texts = readTexts(problems, field.getKey(), field.getValue());
      if (!texts.isEmpty()) {
        templates.computeIfAbsent(intent, k -> new EnumMap<>(Language.class)).putAll(texts);
      }
    }
  }

  private static List<AutoReplyRule> readRules(
      AppConfig.Reader read, JsonNode tree, String companyName) {
    Problems top = new Problems(read, SMS_AUTO_REPLIES, "");
    for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("rules")) {
        top.add(name, "is not a known field; the file holds `rules`, a list");
      }
    }
    JsonNode list = tree.get("rules");
    if (list == null || !list.isArray()) {
      top.add("rules", "must be a list of rules");
      return List.of();
    }
    List<AutoReplyRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String id = node.path("id").isTextual() ? node.path("id").asText() : null;
      Problems problems =
          new Problems(
              read,
              SMS_AUTO_REPLIES,
              "rule " + (id == null ? "" : "'" + id + "' ") + "(#" + (i + 1) + ") ");
      if (!node.isObject()) {
        problems.add("", "must be an object");
        continue;
      }
      int before = problems.count();
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!RULE_FIELDS.contains(name)) {
          problems.add(
              name, "is not a known field (" + String.join(", ", sorted(RULE_FIELDS)) + ")");
        }
      }
      if (id == null || !RULE_ID.matcher(id).matches()) {
        problems.add("id", "is required: lower-case letters, digits, - and _, at most 64");
      } else if (!ids.add(id)) {
        problems.add("id", "is used by an earlier rule");
      }
      TenantCondition tenant = TenantCondition.ANY;
      JsonNode tenantNode = node.get("tenant");
      if (tenantNode != null) {
        tenant =
            switch (tenantNode.asText("").toLowerCase(Locale.ROOT)) {
              case "known" -> TenantCondition.KNOWN;
              case "unknown" -> TenantCondition.UNKNOWN;
              case "any" -> TenantCondition.ANY;
              default -> {
                problems.add("tenant", "must be known, unknown or any");
                yield TenantCondition.ANY;
              }
            };
      }
      Hours hours = node.has("hours") ? readHours(problems, node.get("hours")) : null;
      Set<DayOfWeek> days = node.has("days") ? readDays(problems, node.get("days")) : Set.of();
      Set<String> workflowTypes =
          node.has("workflow_types")
              ? readStrings(problems, "workflow_types", node.get("workflow_types"))
              : Set.of();
      Duration cooldown = DEFAULT_COOLDOWN;
      JsonNode cooldownNode = node.get("cooldown");
      if (cooldownNode != null) {
        Duration parsed =
            cooldownNode.isTextual() ? AppConfig.Reader.parseDuration(cooldownNode.asText()) : null;
        if (parsed == null || parsed.isNegative() || parsed.compareTo(Duration.ofDays(365)) > 0) {
          problems.add("cooldown", "must be a duration such as 24h, 30m or 7d, at most 365d");
        } else {
          cooldown = parsed;
        }
      }
      Map<Language, String> texts = Map.of();
      if (node.get("text") == null) {
        problems.add("text", "is required: the reply by language (en, es, pt)");
      } else {
        int beforeText = problems.count();
        texts = readTexts(problems, "text", node.get("text"));
        if (texts.isEmpty() && problems.count() == beforeText) {
          problems.add("text", "needs at least one language (en, es, pt)");
        }
      }
      if (problems.count() == before) {
        Map<Language, String> filled = new EnumMap<>(Language.class);
        texts.forEach(
            (language, text) ->
                filled.put(language, text.replace(ComplianceTexts.COMPANY, companyName)));
        rules.add(new AutoReplyRule(id, tenant, hours, days, workflowTypes, filled, cooldown));
      }
    }
    return rules;
  }

  private static Hours readHours(Problems problems, JsonNode node) {
    if (!node.isObject()) {
      problems.add("hours", "must be an object with from, to and time_zone");
      return null;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!HOURS_FIELDS.contains(name)) {
        problems.add("hours." + name, "is not a known field (from, to, time_zone)");
      }
    }
    LocalTime from = readTime(problems, "hours.from", node.get("from"));
    LocalTime to = readTime(problems, "hours.to", node.get("to"));
    ZoneId zone = null;
    JsonNode zoneNode = node.get("time_zone");
    if (zoneNode == null || !zoneNode.isTextual()) {
      problems.add("hours.time_zone", "is required, for example America/New_York");
    } else {
      try {
        zone = ZoneId.of(zoneNode.asText());
      } catch (DateTimeException unknown) {
        problems.add("hours.time_zone", "'" + zoneNode.asText() + "' is not a time zone");
      }
    }
    if (from != null && to != null && from.equals(to)) {
      problems.add("hours", "from and to must differ (leave hours out for all day)");
      return null;
    }
    return from == null || to == null || zone == null ? null : new Hours(from, to, zone);
  }

  private static LocalTime readTime(Problems problems, String field, JsonNode node) {
    if (node == null || !node.isTextual()) {
      problems.add(field, "must be a time such as \"18:00\" (quoted in YAML)");
      return null;
    }
    try {
      return LocalTime.parse(node.asText());
    } catch (DateTimeParseException invalid) {
      problems.add(field, "must be a time such as \"18:00\", got '" + node.asText() + "'");
      return null;
    }
  }

  private static Set<DayOfWeek> readDays(Problems problems, JsonNode node) {
    Set<DayOfWeek> days = new LinkedHashSet<>();
    for (String day : readStrings(problems, "days", node)) {
      DayOfWeek match = null;
      for (DayOfWeek candidate : DayOfWeek.values()) {
        String full = candidate.name().toLowerCase(Locale.ROOT);
        if (day.equalsIgnoreCase(full) || day.equalsIgnoreCase(full.substring(0, 3))) {
          match = candidate;
        }
      }
      if (match == null) {
        problems.add("days", "'" + day + "' is not a day (mon ... sun)");
      } else {
        days.add(match);
      }
    }
    return days;
  }

  private static Set<String> readStrings(Problems problems, String field, JsonNode node) {
    Set<String> values = new LinkedHashSet<>();
    if (!node.isArray()) {
      problems.add(field, "must be a list");
      return values;
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        problems.add(field, "must hold only non-empty strings");
      } else {
        values.add(item.asText().strip());
      }
    }
    return values;
  }

  private static Map<Language, String> readTexts(Problems problems, String field, JsonNode node) {
    Map<Language, String> texts = new EnumMap<>(Language.class);
    if (!node.isObject()) {
      problems.add(field, "must map languages (en, es, pt) to texts");
      return texts;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = field + "." + entry.getKey();
      Language language = LANGUAGES.get(entry.getKey());
      if (language == null) {
        problems.add(path, "is not a language; use en, es or pt");
      } else if (!entry.getValue().isTextual()) {
        problems.add(path, "must be a text");
      } else if (checkText(problems, path, entry.getValue().asText())) {
        texts.put(language, entry.getValue().asText().strip());
      }
    }
    return texts;
  }

  private static boolean checkText(Problems problems, String field, String text) {
    if (text.isBlank()) {
      problems.add(field, "must not be empty");
      return false;
    }
    if (text.strip().length() > MAX_TEXT_LENGTH) {
      problems.add(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
      return false;
    }
    return true;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** Problems of one variable, each prefixed with where in the file it is. */
  private static final class Problems {
    private final AppConfig.Reader read;
    private final String variable;
    private final String where;
    private int count;

    Problems(AppConfig.Reader read, String variable, String where) {
      this.read = read;
      this.variable = variable;
      this.where = where;
    }

    void add(String field, String what) {
      count++;
      read.problem(variable, where + (field.isEmpty() ? "" : "field " + field + " ") + what);
    }

    int count() {
      return count;
    }
  }
}
