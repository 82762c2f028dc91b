package io.smsfoundation.adapter.twilio.webhook;

import java.util.Map;
import java.util.Objects;

/** What a Twilio webhook handler answers. */
public sealed interface WebhookResult {

  /** The log context key of the Twilio SID the request was about. */
  String TWILIO_SID = "twilio_sid";

  /** The log context key of the conversation the request was about. */
  String CONVERSATION_ID = "conversation_id";

  /** The log context key of the message the request was about. */
  String MESSAGE_ID = "message_id";

  /** The log context key of the call the request was about. */
  String CALL_ID = "call_id";

  /** A short word for the access log and metrics: {@code accepted}, {@code duplicate}... */
  String outcome();

  /** What the request was about, for the log context ({@link #TWILIO_SID}, ...); never PII. */
  Map<String, String> about();

  /**
   * A 200 with a TwiML document for Twilio.
   *
   * @param twiml the document, UTF-8
   * @param afterWritten what to do once the answer is written to Twilio (record how long it took);
   *     the caller runs it at most once, and a failure in it no longer changes the answer
   */
  record Answered(byte[] twiml, String outcome, Map<String, String> about, Runnable afterWritten)
      implements WebhookResult {

    /** The media type of TwiML, as Twilio expects it. */
    public static final String CONTENT_TYPE = "text/xml";

    public Answered {
      Objects.requireNonNull(twiml, "twiml");
      Objects.requireNonNull(outcome, "outcome");
      about = Map.copyOf(about);
      afterWritten = afterWritten == null ? () -> {} : afterWritten;
    }

    /** An answer with nothing to do once written. */
    public Answered(byte[] twiml, String outcome, Map<String, String> about) {
      this(twiml, outcome, about, null);
    }
  }

  /**
   * The request is refused: nothing was stored.
   *
   * @param details field problems, by Twilio's parameter names
   */
  record Refused(Reason reason, String message, Map<String, String> details, String outcome)
      implements WebhookResult {

    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      details = Map.copyOf(details);
      Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public Map<String, String> about() {
      return Map.of();
    }
  }

  /** Why a request is refused. */
  enum Reason {
    /** The signature is missing or wrong: the request may not come from Twilio (403). */
    FORBIDDEN,
    /** The form cannot be read, or lacks what every such webhook carries (400). */
    INVALID
  }
}
