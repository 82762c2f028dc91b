package io.smsfoundation.domain.phone;

/** Masks an address to its last four characters so that logs never hold a full phone number. */
public final class PhoneMask {

  private static final int VISIBLE = 4;

  private PhoneMask() {}

  /** {@code +12015550123} becomes {@code ***0123}; {@code null} becomes {@code -}. */
  public static String mask(String address) {
    if (address == null || address.isBlank()) {
      return "-";
    }
    String trimmed = address.strip();
    if (trimmed.length() <= VISIBLE) {
      return "***";
    }
    return "***" + trimmed.substring(trimmed.length() - VISIBLE);
  }
}
