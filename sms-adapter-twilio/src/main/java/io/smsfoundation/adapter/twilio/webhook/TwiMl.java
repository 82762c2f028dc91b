package io.smsfoundation.adapter.twilio.webhook;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The TwiML documents the webhooks answer, rendered with the Twilio SDK's builders. */
final class TwiMl {

  /**
   * "Do nothing more": the answer to every message and status callback that needs no reply. The SDK
   * renders it once; every request shares the bytes.
   */
  static final byte[] EMPTY_MESSAGING = render(new MessagingResponse.Builder().build());

  private TwiMl() {}

  /**
   * The answer to an inbound message: a {@code <Message>} per reply, each reporting its delivery
   * statuses to {@code statusCallback} of the reply's id; empty without replies.
   */
  static byte[] messaging(
      List<ReceiveInboundSms.Reply> replies, Function<UUID, URI> statusCallback) {
    if (replies.isEmpty()) {
      return EMPTY_MESSAGING;
    }
    MessagingResponse.Builder response = new MessagingResponse.Builder();
    for (ReceiveInboundSms.Reply reply : replies) {
      response.message(
          new Message.Builder()
              .body(new Body.Builder(reply.text()).build())
              .action(statusCallback.apply(reply.messageId()))
              .method(HttpMethod.POST)
              .build());
    }
    return render(response.build());
  }

  static byte[] render(MessagingResponse response) {
    try {
      return response.toXml().getBytes(StandardCharsets.UTF_8);
    } catch (TwiMLException e) {
      throw new IllegalStateException("the Twilio SDK could not render TwiML", e);
    }
  }
}
