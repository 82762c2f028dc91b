package io.smsfoundation.domain.message;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Twilio message SID: {@code SM} (SMS) or {@code MM} (MMS) followed by 32 hexadecimal digits. */
public record MessageSid(String value) {

  private static final Pattern SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

  public MessageSid {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a Twilio message SID");
    }
  }

  /** Whether the text is a well-formed SID, without throwing. */
  public static boolean isWellFormed(String value) {
    return value != null && SID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
