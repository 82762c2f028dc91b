package io.smsfoundation.domain.conversation;

import java.util.Objects;

/**
 * What an answer about a conversation's tenant does to its link, decided by {@link
 * Conversation#directoryAnswered} and {@link Conversation#setTenantByHand}. {@link #before()} and
 * {@link #after()} are the tenant ids ({@code null}: none).
 */
public sealed interface TenantChange {

  String before();

  String after();

  /** Whether the conversation's tenant id changes. */
  default boolean changesTenant() {
    return !Objects.equals(before(), after());
  }

  /** A conversation without a tenant gets one. */
  record Linked(String after) implements TenantChange {
    public Linked {
      Objects.requireNonNull(after, "after");
    }

    @Override
    public String before() {
      return null;
    }
  }

  /** The number now belongs to another tenant (numbers are recycled). */
  record Relinked(String before, String after) implements TenantChange {
    public Relinked {
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }

  /** The conversation's tenant no longer has the number, and nobody else has it. */
  record Unlinked(String before) implements TenantChange {
    public Unlinked {
      Objects.requireNonNull(before, "before");
    }

    @Override
    public String after() {
      return null;
    }
  }

  /** The answer is what the conversation already has (a tenant, or none). */
  record Unchanged(String tenantId) implements TenantChange {
    @Override
    public String before() {
      return tenantId;
    }

    @Override
    public String after() {
      return tenantId;
    }
  }

  /** The link was set by hand: the directory's answer is not applied. */
  record KeptByHand(String tenantId) implements TenantChange {
    @Override
    public String before() {
      return tenantId;
    }

    @Override
    public String after() {
      return tenantId;
    }
  }

  /** The change from {@code before} to {@code after}, as an answer would make it. */
  static TenantChange between(String before, String after) {
    if (Objects.equals(before, after)) {
      return new Unchanged(before);
    }
    if (before == null) {
      return new Linked(after);
    }
    return after == null ? new Unlinked(before) : new Relinked(before, after);
  }
}
