package io.smsfoundation.domain.conversation;

import java.util.Locale;

/** Who decided a conversation's tenant link: the tenant directory, or a person by hand. */
public enum TenantSource {
  /** The tenant directory answered a lookup of the conversation's number. */
  DIRECTORY,
  /** Someone set the link through the API; the directory never overrides it. */
  MANUAL;

  /** {@code directory} or {@code manual}, as stored and as the API shows it. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source of a stored code; {@code null} for {@code null}. */
  public static TenantSource fromCode(String code) {
    return code == null ? null : valueOf(code.toUpperCase(Locale.ROOT));
  }
}
