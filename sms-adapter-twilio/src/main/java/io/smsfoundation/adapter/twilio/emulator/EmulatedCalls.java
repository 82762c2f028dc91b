package io.smsfoundation.adapter.twilio.emulator;

import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms;
import io.smsfoundation.adapter.twilio.webhook.TwilioWebhookForms.SignedWebhook;
import io.smsfoundation.domain.message.RawForm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Plays Twilio's side of an inbound call against a running service, the way Twilio's voice platform
 * does: posts the signed voice webhook, reads the TwiML answer, and when the answer dials, posts
 * the signed {@code <Dial>} {@code action} to the URL the answer named once the (emulated) dial
 * ends. For the {@code simulate call} command, local trials and tests. Thread-safe.
 */
public final class EmulatedCalls {

  private static final String VOICE_PATH = "/webhook/twilio/voice";

  private final HttpClient client;
  private final String accountSid;
  private final String authToken;

  public EmulatedCalls(HttpClient client, String accountSid, String authToken) {
    this.client = Objects.requireNonNull(client, "client");
    this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
    this.authToken = Objects.requireNonNull(authToken, "authToken");
  }

  /**
   * The service's answer to a call.
   *
   * @param dialAction the {@code action} of the answer's {@code <Dial>}, when it dials
   */
  public record Answer(int status, String body, Optional<String> dialAction) {}

  /**
   * Where the service is: {@code target} is where requests go, {@code publicBase} the URL Twilio
   * would call (and sign), often the same.
   */
  public record Service(String target, String publicBase) {
    public Service {
      target = stripSlash(Objects.requireNonNull(target, "target"));
      publicBase = stripSlash(Objects.requireNonNull(publicBase, "publicBase"));
    }
  }

  /** Posts the voice webhook of a call from {@code from} to {@code to}. */
  public Answer call(Service service, String callSid, String from, String to)
      throws IOException, InterruptedException {
    RawForm form = TwilioWebhookForms.incomingCall(accountSid, callSid, from, to);
    HttpResponse<String> response =
        post(service.target() + VOICE_PATH, service.publicBase() + VOICE_PATH, form);
    return new Answer(response.statusCode(), response.body(), dialAction(response.body()));
  }

  /**
   * Posts the end of the dial to the answer's {@code action}, as Twilio does when the dialled party
   * hangs up (or never answers).
   *
   * @param dialStatus {@code completed}, {@code busy}, {@code no-answer}, {@code failed}...
   * @param durationSeconds how long the dialled party was on the line, or {@code null}
   */
  public HttpResponse<String> endDial(
      Service service,
      String actionUrl,
      String callSid,
      String from,
      String to,
      String dialStatus,
      Integer durationSeconds)
      throws IOException, InterruptedException {
    RawForm form =
        TwilioWebhookForms.dialAction(accountSid, callSid, from, to, dialStatus, durationSeconds);
    String target =
        actionUrl.startsWith(service.publicBase())
            ? service.target() + actionUrl.substring(service.publicBase().length())
            : actionUrl;
    return post(target, actionUrl, form);
  }

  private HttpResponse<String> post(String target, String signedUrl, RawForm form)
      throws IOException, InterruptedException {
    SignedWebhook webhook = TwilioWebhookForms.sign(authToken, signedUrl, form);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(SignedWebhook.SIGNATURE_HEADER, webhook.signature())
            .header("User-Agent", "TwilioProxy/1.1 (sms-foundation emulator)")
            .POST(HttpRequest.BodyPublishers.ofString(webhook.body()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code action} of the first {@code <Dial>} of a TwiML document, if it has one. */
  public static Optional<String> dialAction(String twiml) {
    if (twiml == null || !twiml.contains("<Dial")) {
      return Optional.empty();
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      NodeList dials =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)))
              .getElementsByTagName("Dial");
      if (dials.getLength() == 0) {
        return Optional.empty();
      }
      String action = ((Element) dials.item(0)).getAttribute("action");
      return action.isEmpty() ? Optional.empty() : Optional.of(action);
    } catch (ParserConfigurationException | SAXException | IOException notTwiml) {
      return Optional.empty();
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
