package io.smsfoundation.ports.memory;

import io.smsfoundation.domain.language.LanguageDetection;
import io.smsfoundation.ports.out.TenantNumbers;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link TenantNumbers} in memory; thread-safe through its {@link InMemoryUnitOfWork}. */
public final class InMemoryTenantNumbers implements TenantNumbers {

  private record Use(
      String tenantId, String number, Instant firstSeenAt, Instant lastUsedAt, String source) {}

  private final InMemoryUnitOfWork db;
  private final Map<String, Use> uses = new HashMap<>();
  private final Map<String, LanguageDetection> languages = new HashMap<>();

  public InMemoryTenantNumbers(InMemoryUnitOfWork db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public void recordUse(String tenantId, String canonicalNumber, Instant at) {
    db.locked(
        () -> {
          String key = tenantId + "\n" + canonicalNumber;
          Use before = uses.get(key);
          Use after =
              before == null
                  ? new Use(tenantId, canonicalNumber, at, at, "sms")
                  : new Use(
                      tenantId,
                      canonicalNumber,
                      before.firstSeenAt(),
                      at.isAfter(before.lastUsedAt()) ? at : before.lastUsedAt(),
                      before.source());
          put(key, before, after);
          return null;
        });
  }

  @Override
  public void recordFromDirectory(String tenantId, List<String> canonicalNumbers, Instant at) {
    db.locked(
        () -> {
          for (int i = 0; i < canonicalNumbers.size(); i++) {
            String number = canonicalNumbers.get(i);
            String key = tenantId + "\n" + number;
            Use before = uses.get(key);
            if (before == null) {
              // never used: listed in the directory's order, before none of the used ones
              Instant listed = DIRECTORY_EPOCH.minusNanos(1000L * i);
              put(key, null, new Use(tenantId, number, at, listed, "directory"));
            }
          }
          return null;
        });
  }

  @Override
  public void forget(String tenantId, String canonicalNumber) {
    db.locked(
        () -> {
          String key = tenantId + "\n" + canonicalNumber;
          Use before = uses.remove(key);
          if (before != null) {
            db.onRollback(() -> uses.put(key, before));
          }
          return null;
        });
  }

  /** The "last use" of numbers never used: older than any real use, so real uses come first. */
  private static final Instant DIRECTORY_EPOCH = Instant.EPOCH;

  private void put(String key, Use before, Use after) {
    uses.put(key, after);
    db.onRollback(
        () -> {
          if (before == null) {
            uses.remove(key);
          } else {
            uses.put(key, before);
          }
        });
  }

  @Override
  public List<String> numbersOf(String tenantId) {
    return db.locked(
        () ->
            uses.values().stream()
                .filter(u -> u.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(Use::lastUsedAt).reversed().thenComparing(Use::number))
                .map(Use::number)
                .toList());
  }

  @Override
  public Optional<LanguageDetection> languageOf(String tenantId) {
    return db.locked(() -> Optional.ofNullable(languages.get(tenantId)));
  }

  @Override
  public void saveLanguage(String tenantId, LanguageDetection language, Instant at) {
    db.locked(
        () -> {
          LanguageDetection before = languages.put(tenantId, language);
          db.onRollback(
              () -> {
                if (before == null) {
                  languages.remove(tenantId);
                } else {
                  languages.put(tenantId, before);
                }
              });
          return null;
        });
  }
}
