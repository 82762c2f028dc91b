package io.smsfoundation.adapter.twilio.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import java.nio.charset.StandardCharsets;

/** The TwiML documents the webhooks answer, rendered with the Twilio SDK's builders. */
final class TwiMl {

  /**
   * "Do nothing more": the answer to every message and status callback that needs no reply. The SDK
   * renders it once; every request shares the bytes.
   */
  static final byte[] EMPTY_MESSAGING = render(new MessagingResponse.Builder().build());

  private TwiMl() {}

  static byte[] render(MessagingResponse response) {
    try {
      return response.toXml().getBytes(StandardCharsets.UTF_8);
    } catch (TwiMLException e) {
      throw new IllegalStateException("the Twilio SDK could not render TwiML", e);
    }
  }
}
