package io.smsfoundation.adapter.twilio;

import com.twilio.exception.ApiException;
import io.smsfoundation.ports.out.SendOutcome;
import java.util.Set;

/**
 * What an error answer from Twilio's Messages API means for the message. Twilio answers a 4xx only
 * when it refused the request and created nothing, so every 4xx is final for this message, except
 * throttling and a full sender queue, which say "not now". A 5xx (or an answer that cannot be read)
 * may come after the message was created, so it is never taken as a refusal.
 */
final class TwilioErrors {

  /** The recipient replied STOP; the conversation is opted out. */
  static final int UNSUBSCRIBED_RECIPIENT = 21610;

  /**
   * The refusals seen most often when sending, documented by Twilio as permanent for the request:
   * 21211 invalid To number, 21212 invalid From number, 21408 region not enabled, 21601 number not
   * SMS-capable, 21602 body required, 21603 From required, 21604 To required, 21606 From is not one
   * of the account's SMS-capable numbers, 21608 unverified number (trial account), 21610
   * unsubscribed recipient, 21612 To cannot be reached from From, 21614 To is not a mobile number,
   * 21617 body longer than 1,600 characters, 21659 From is not a Twilio number, 21701-21705 invalid
   * messaging service, 20003 authentication failed. Other 4xx codes are refusals too; this list is
   * for readers and logs.
   */
  static final Set<Integer> KNOWN_PERMANENT =
      Set.of(
          21211, 21212, 21408, 21601, 21602, 21603, 21604, 21606, 21608, 21610, 21612, 21614, 21617,
          21659, 21701, 21702, 21703, 21704, 21705, 20003);

  /**
   * Codes that mean "try again later": 20429 too many requests, 14107 SMS rate limit, 21611 sender
   * queue full.
   */
  private static final Set<Integer> TRANSIENT = Set.of(20429, 14107, 21611);

  private static final int TOO_MANY_REQUESTS = 429;

  private TwilioErrors() {}

  static SendOutcome outcomeOf(ApiException e) {
    Integer status = e.getStatusCode();
    Integer code = e.getCode();
    if ((status != null && status == TOO_MANY_REQUESTS)
        || (code != null && TRANSIENT.contains(code))) {
      return new SendOutcome.RetryLater(describe(status, code) + " throttled", null);
    }
    if (status != null && status >= 400 && status < 500) {
      return new SendOutcome.Rejected(
          code == null ? "http-" + status : Integer.toString(code),
          e.getMessage(),
          code != null && code == UNSUBSCRIBED_RECIPIENT);
    }
    return new SendOutcome.Unknown(
        status == null
            ? "Twilio's answer could not be read; the message may have been created"
            : describe(status, code) + ": the message may have been created");
  }

  static String describe(Integer status, Integer code) {
    return "HTTP " + (status == null ? "?" : status) + (code == null ? "" : " code " + code);
  }
}
