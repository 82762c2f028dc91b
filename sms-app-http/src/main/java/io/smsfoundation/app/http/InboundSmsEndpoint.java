package io.smsfoundation.app.http;

import io.smsfoundation.domain.message.Media;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * {@code POST /webhook/twilio/sms}: verifies Twilio's signature, stores the message exactly once
 * and answers the empty TwiML, for a duplicate too. A 200 is only ever sent after the message is
 * committed; a database failure becomes a 503 so that Twilio tries again.
 */
public final class InboundSmsEndpoint implements Endpoint {

  /** Twilio attaches at most ten media to one message. */
  private static final int MAX_MEDIA = 10;

  private final ReceiveInboundSms receiveInbound;
  private final WebhookSignatures signatures;

  public InboundSmsEndpoint(ReceiveInboundSms receiveInbound, WebhookSignatures signatures) {
    this.receiveInbound = receiveInbound;
    this.signatures = signatures;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    Map<String, String> form = WebhookSignatures.verifiedForm(request, signatures);
    MDC.put("twilio_sid", String.valueOf(form.get("MessageSid")));
    List<Media> media = media(form);
    InboundSms sms =
        new InboundSms(
            form.get("MessageSid"),
            form.get("From"),
            form.get("To"),
            form.getOrDefault("Body", ""),
            numMedia(form, media),
            media,
            form.get("OptOutType"),
            form);
    return switch (receiveInbound.receive(sms)) {
      case InboundOutcome.Accepted accepted -> {
        MDC.put("conversation_id", accepted.conversationId().toString());
        yield HttpReply.emptyTwiml().withOutcome("accepted");
      }
      case InboundOutcome.Duplicate duplicate -> HttpReply.emptyTwiml().withOutcome("duplicate");
    };
  }

  /** {@code MediaUrlN} with its {@code MediaContentTypeN}, in order. */
  private static List<Media> media(Map<String, String> form) {
    List<Media> media = new ArrayList<>();
    for (int i = 0; i < MAX_MEDIA; i++) {
      String url = form.get("MediaUrl" + i);
      if (url == null || url.isBlank()) {
        break;
      }
      media.add(new Media(url, form.get("MediaContentType" + i)));
    }
    return media;
  }

  /**
   * Twilio's {@code NumMedia}; when it is missing or malformed the attachments found are counted,
   * because refusing would lose the message.
   */
  private static int numMedia(Map<String, String> form, List<Media> media) {
    String reported = form.get("NumMedia");
    if (reported != null) {
      try {
        int value = Integer.parseInt(reported.strip());
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException malformed) {
        // fall through to counting
      }
    }
    return media.size();
  }
}
