package io.smsfoundation.adapter.twilio.webhook;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallRoute;
import io.smsfoundation.domain.language.Language;
import java.nio.charset.StandardCharsets;

/**
 * The voice answers, rendered with the Twilio SDK's builders: a {@code <Dial>} of the dialer's
 * {@code <Number>} with the caller ID, the dial's timeout and an {@code action} that reports the
 * dial's end back to the service with our call id; or, with no dialer, a {@code <Say>} in the
 * conversation's language and {@code <Hangup/>}.
 */
public final class VoiceTwiMl {

  /** The path of the dial's {@code action}, under the public base URL. */
  public static final String STATUS_PATH = "/webhook/twilio/voice/status";

  /** "Nothing more to do": the answer to every status report. */
  static final byte[] EMPTY = render(new VoiceResponse.Builder().build());

  private VoiceTwiMl() {}

  /**
   * The answer to {@code call}.
   *
   * @param publicBaseUrl the URL under which Twilio reaches the service, without a trailing slash
   */
  public static VoiceResponse answer(Call call, String publicBaseUrl) {
    return switch (call.route()) {
      case CallRoute.Dial dial ->
          new VoiceResponse.Builder()
              .dial(
                  new Dial.Builder()
                      .callerId(dial.callerId())
                      .action(actionUrl(publicBaseUrl, call))
                      .timeout(dial.timeoutSeconds())
                      .number(new Number.Builder(dial.number()).build())
                      .build())
              .build();
      case CallRoute.Announcement announcement ->
          new VoiceResponse.Builder()
              .say(
                  new Say.Builder(announcement.text())
                      .language(language(announcement.language()))
                      .build())
              .hangup(new Hangup.Builder().build())
              .build();
    };
  }

  /** Where the dial reports its end: the status path with our call id. */
  public static String actionUrl(String publicBaseUrl, Call call) {
    return publicBaseUrl + STATUS_PATH + "?call_id=" + call.id();
  }

  static Say.Language language(Language language) {
    return switch (language) {
      case ES -> Say.Language.ES_MX;
      case PT -> Say.Language.PT_BR;
      default -> Say.Language.EN_US;
    };
  }

  static byte[] render(VoiceResponse response) {
    try {
      return response.toXml().getBytes(StandardCharsets.UTF_8);
    } catch (TwiMLException e) {
      throw new IllegalStateException("the Twilio SDK could not render TwiML", e);
    }
  }
}
