package io.smsfoundation.domain.reply;

import io.smsfoundation.domain.language.Language;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One automatic answer: when it applies (the sender's tenant known or not, a window of local hours
 * and days, workflow types), what it says in each language, and how long it waits before answering
 * the same conversation again. Immutable.
 *
 * @param tenant whether it applies to senders whose tenant is known, unknown, or either
 * @param hours the local hours it applies in ({@code from} inclusive, {@code to} exclusive; a
 *     window that wraps midnight, 18:00-08:00, is allowed), or {@code null} for all day
 * @param days the local days it applies on; empty for every day
 * @param workflowTypes the conversation's workflow types it applies to; empty for any
 * @param texts what it says, by language; English is the fallback
 * @param cooldown how long before it answers the same conversation again
 */
public record AutoReplyRule(
    String id,
    TenantCondition tenant,
    Hours hours,
    Set<DayOfWeek> days,
    Set<String> workflowTypes,
    Map<Language, String> texts,
    Duration cooldown) {

  /** Who a rule answers. */
  public enum TenantCondition {
    ANY,
    KNOWN,
    UNKNOWN
  }

  /** A window of local time in a time zone. */
  public record Hours(LocalTime from, LocalTime to, ZoneId zone) {

    public Hours {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(zone, "zone");
    }

    boolean contains(LocalTime time) {
      return from.isBefore(to)
          ? !time.isBefore(from) && time.isBefore(to)
          : !time.isBefore(from) || time.isBefore(to);
    }
  }

  public AutoReplyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    days = days == null ? Set.of() : Set.copyOf(days);
    workflowTypes = workflowTypes == null ? Set.of() : Set.copyOf(workflowTypes);
    texts = Map.copyOf(texts);
    Objects.requireNonNull(cooldown, "cooldown");
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("a rule needs a text");
    }
  }

  /** Whether the rule applies to a message at {@code at} in a conversation like this one. */
  public boolean applies(boolean tenantKnown, String workflowType, Instant at) {
    if (tenant == TenantCondition.KNOWN && !tenantKnown
        || tenant == TenantCondition.UNKNOWN && tenantKnown) {
      return false;
    }
    if (!workflowTypes.isEmpty()
        && (workflowType == null || !workflowTypes.contains(workflowType))) {
      return false;
    }
    if (hours == null && days.isEmpty()) {
      return true;
    }
    ZonedDateTime local = at.atZone(hours == null ? ZoneId.of("UTC") : hours.zone());
    if (!days.isEmpty() && !days.contains(local.getDayOfWeek())) {
      return false;
    }
    return hours == null || hours.contains(local.toLocalTime());
  }

  /** The text in {@code language}, else in English, else any. */
  public String text(Language language) {
    String text = texts.get(language);
    if (text == null) {
      text = texts.get(Language.EN);
    }
    return text != null ? text : texts.values().iterator().next();
  }
}
