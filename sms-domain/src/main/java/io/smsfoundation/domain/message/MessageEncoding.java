package io.smsfoundation.domain.message;

/** How a body travels over SMS: the 7-bit GSM alphabet when it fits, else UCS-2. */
public enum MessageEncoding {
  GSM_7("GSM-7", 160, 153),
  UCS_2("UCS-2", 70, 67);

  private final String code;
  private final int singleSegment;
  private final int perConcatenatedSegment;

  MessageEncoding(String code, int singleSegment, int perConcatenatedSegment) {
    this.code = code;
    this.singleSegment = singleSegment;
    this.perConcatenatedSegment = perConcatenatedSegment;
  }

  /** {@code GSM-7} or {@code UCS-2}, as stored and returned by the API. */
  public String code() {
    return code;
  }

  /** Units (septets or UTF-16 code units) that fit in a message of one segment. */
  public int singleSegment() {
    return singleSegment;
  }

  /** Units per segment once a message needs more than one (the rest holds the UDH header). */
  public int perConcatenatedSegment() {
    return perConcatenatedSegment;
  }

  /** The encoding for a stored code; {@code null} or unrecognised codes give {@code null}. */
  public static MessageEncoding fromCode(String code) {
    for (MessageEncoding encoding : values()) {
      if (encoding.code.equalsIgnoreCase(code)) {
        return encoding;
      }
    }
    return null;
  }
}
