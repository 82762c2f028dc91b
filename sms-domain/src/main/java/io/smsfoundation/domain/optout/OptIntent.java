package io.smsfoundation.domain.optout;

/** What an inbound message says about the sender's consent to receive messages. */
public enum OptIntent {
  /** The sender asks to receive no more messages. */
  OPT_OUT,
  /** The sender asks to receive messages again. */
  OPT_IN,
  /** The sender asks for help; consent does not change. */
  HELP,
  /** An ordinary message. */
  NONE
}
