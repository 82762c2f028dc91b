package io.smsfoundation.adapter.twilio.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * What the emulator does for a destination number: the scripted numbers of {@link TwilioEmulator},
 * in the spirit of Twilio's magic test numbers.
 */
enum Script {
  /** Accepted, then {@code sent} and {@code delivered}. */
  DELIVER,
  /** Refused: 400, 21211 invalid 'To' number. */
  INVALID_NUMBER,
  /** Refused: 400, 21612 cannot route to this number. */
  CANNOT_ROUTE,
  /** Refused: 400, 21408 no permission to send to the region. */
  REGION_NOT_ENABLED,
  /** Refused: 400, 21610 the recipient unsubscribed. */
  UNSUBSCRIBED,
  /** Refused: 400, 21614 not a mobile number. */
  NOT_MOBILE,
  /** Always throttled: 429, 20429; nothing created. */
  THROTTLED,
  /** Throttled on the 1st, 3rd, 5th... request to the number, accepted on the others. */
  THROTTLED_EVERY_OTHER,
  /** The message is created (and delivered), but the answer is a 500, 20500. */
  SERVER_ERROR_AFTER_CREATE,
  /** Like {@link #SERVER_ERROR_AFTER_CREATE}, and no status callback is ever posted for it. */
  SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS,
  /**
   * The 1st request to the number is answered 500, 20500 without creating anything; the next ones
   * are accepted.
   */
  SERVER_ERROR_ONCE_BEFORE_CREATE,
  /** The message is created (and delivered), but the answer comes after the slow delay. */
  SLOW_ANSWER,
  /** Accepted, then {@code sent} and {@code undelivered} with error 30003. */
  UNDELIVERED;

  private static final Map<String, Script> BY_NUMBER =
      Map.ofEntries(
          Map.entry(TwilioEmulator.INVALID_NUMBER, INVALID_NUMBER),
          Map.entry(TwilioEmulator.CANNOT_ROUTE, CANNOT_ROUTE),
          Map.entry(TwilioEmulator.REGION_NOT_ENABLED, REGION_NOT_ENABLED),
          Map.entry(TwilioEmulator.UNSUBSCRIBED, UNSUBSCRIBED),
          Map.entry(TwilioEmulator.NOT_MOBILE, NOT_MOBILE),
          Map.entry(TwilioEmulator.THROTTLED, THROTTLED),
          Map.entry(TwilioEmulator.THROTTLED_EVERY_OTHER, THROTTLED_EVERY_OTHER),
          Map.entry(TwilioEmulator.SERVER_ERROR_AFTER_CREATE, SERVER_ERROR_AFTER_CREATE),
          Map.entry(
              TwilioEmulator.SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS,
              SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS),
          Map.entry(
              TwilioEmulator.SERVER_ERROR_ONCE_BEFORE_CREATE, SERVER_ERROR_ONCE_BEFORE_CREATE),
          Map.entry(TwilioEmulator.SLOW_ANSWER, SLOW_ANSWER),
          Map.entry(TwilioEmulator.UNDELIVERED, UNDELIVERED));

  static Script forNumber(String to) {
    return Optional.ofNullable(BY_NUMBER.get(to)).orElse(DELIVER);
  }
}
