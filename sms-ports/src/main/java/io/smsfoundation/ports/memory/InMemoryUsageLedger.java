package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Direction;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.usage.UsageGrouping;
import io.smsfoundation.domain.usage.UsagePeriod;
import io.smsfoundation.domain.usage.UsageRow;
import io.smsfoundation.ports.out.UsageLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link UsageLedger} over the in-memory message and conversation stores; percentiles are
 * interpolated between the closest ranks, as PostgreSQL's {@code percentile_cont} does. Thread-safe
 * through its {@link InMemoryUnitOfWork}.
 */
public final class InMemoryUsageLedger implements UsageLedger {

  private final InMemoryUnitOfWork db;
  private final InMemoryMessageStore messages;
  private final InMemoryConversationStore conversations;
  private final Set<LocalDate> announced = new HashSet<>();

  public InMemoryUsageLedger(
      InMemoryUnitOfWork db,
      InMemoryMessageStore messages,
      InMemoryConversationStore conversations) {
    this.db = Objects.requireNonNull(db, "db");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.conversations = Objects.requireNonNull(conversations, "conversations");
  }

  @Override
  public List<UsageRow> report(UsagePeriod period, UsageGrouping grouping) {
    Map<Optional<String>, List<Message>> groups =
        new TreeMap<>(
            Comparator.comparing(
                (Optional<String> key) -> key.orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder())));
    Map<java.util.UUID, Optional<Conversation>> seen = new HashMap<>();
    for (Message message : within(period.start(), period.end())) {
      Optional<Conversation> conversation =
          seen.computeIfAbsent(message.conversationId(), conversations::findById);
      String key =
          switch (grouping) {
            case TENANT -> conversation.map(Conversation::tenantId).orElse(null);
            case WORKFLOW_TYPE -> conversation.map(Conversation::workflowType).orElse(null);
            case DAY -> LocalDate.ofInstant(message.createdAt(), ZoneOffset.UTC).toString();
            case DIRECTION -> message.direction().code();
          };
      groups.computeIfAbsent(Optional.ofNullable(key), k -> new ArrayList<>()).add(message);
    }
    List<UsageRow> rows = new ArrayList<>();
    groups.forEach((key, group) -> rows.add(row(key.orElse(null), group)));
    return rows;
  }

  private static UsageRow row(String key, List<Message> group) {
    long inbound = group.stream().filter(m -> m.direction() == Direction.INBOUND).count();
    long segments = group.stream().mapToLong(Message::numSegments).sum();
    long failures =
        group.stream().filter(m -> m.isOutbound() && m.deliveryStatus().isFailure()).count();
    List<Message> priced = group.stream().filter(m -> m.usage().price() != null).toList();
    BigDecimal price =
        priced.isEmpty()
            ? null
            : priced.stream().map(m -> m.usage().price()).reduce(BigDecimal.ZERO, BigDecimal::add);
    Set<String> units = new HashSet<>();
    priced.forEach(m -> units.add(m.usage().priceUnit()));
    String unit =
        priced.isEmpty()
            ? null
            : units.size() == 1 ? units.iterator().next() : UsageRow.MIXED_UNITS;
    List<Long> times =
        group.stream()
            .map(m -> m.usage().processingMs())
            .filter(Objects::nonNull)
            .sorted()
            .toList();
    return new UsageRow(
        key,
        group.size(),
        inbound,
        group.size() - inbound,
        segments,
        failures,
        price,
        unit,
        priced.size(),
        percentile(times, 0.5),
        percentile(times, 0.95));
  }

  /** Linear interpolation between the closest ranks of sorted {@code values}. */
  private static Double percentile(List<Long> values, double fraction) {
    if (values.isEmpty()) {
      return null;
    }
    double rank = fraction * (values.size() - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    double low = values.get(below);
    return low + (values.get(above) - low) * (rank - below);
  }

  @Override
  public long segments(Instant from, Instant to) {
    return within(from, to).stream().mapToLong(Message::numSegments).sum();
  }

  private List<Message> within(Instant from, Instant to) {
    return messages.all().stream()
        .filter(m -> !m.createdAt().isBefore(from) && m.createdAt().isBefore(to))
        .toList();
  }

  @Override
  public boolean rememberThresholdReached(
      LocalDate day, long segments, long threshold, Instant at) {
    return db.locked(
        () -> {
          if (!announced.add(day)) {
            return false;
          }
          db.onRollback(() -> announced.remove(day));
          return true;
        });
  }
}
