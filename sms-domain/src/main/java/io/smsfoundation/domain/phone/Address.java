package io.smsfoundation.domain.phone;

import java.util.Objects;

/**
 * A sender or recipient as the service keys it: the canonical key a conversation is stored under,
 * the text exactly as it came, and what kind of address it is. For phone numbers the key is E.164;
 * for short codes, alphanumeric ids and anything else it is the trimmed original text, which can
 * never collide with an E.164 key because it has no leading {@code +}.
 */
public record Address(String canonical, String original, PhoneNumberKind kind) {

  public Address {
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(kind, "kind");
    if (canonical.isBlank()) {
      throw new IllegalArgumentException("an address needs a non-blank canonical key");
    }
  }

  /** Whether this address is a real phone number in E.164. */
  public boolean isPhoneNumber() {
    return kind == PhoneNumberKind.E164;
  }

  /** The masked form for logs. */
  public String masked() {
    return PhoneMask.mask(canonical);
  }

  @Override
  public String toString() {
    return "Address[" + masked() + ", " + kind.code() + "]";
  }
}
