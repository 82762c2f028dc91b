package io.smsfoundation.domain.phone;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +} and up to 15 digits). It can only be built from text that
 * is already E.164; use {@link PhoneNumbers} to get one from what a person typed.
 */
public record PhoneNumber(String e164) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  public PhoneNumber {
    Objects.requireNonNull(e164, "e164");
    if (!E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 number");
    }
  }

  /** The last four digits with the rest masked, the only form in which numbers are logged. */
  public String masked() {
    return PhoneMask.mask(e164);
  }

  @Override
  public String toString() {
    return masked();
  }
}
