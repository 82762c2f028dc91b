package io.smsfoundation.domain.conversation;

/**
 * What an expression of consent does to a conversation, decided by {@link Conversation#consent}.
 */
public enum ConsentChange {
  /** Nothing changes: no consent expressed, or the conversation is already in that state. */
  NONE,
  /** The conversation becomes opted out: nothing more may be sent to it. */
  OPTED_OUT,
  /** An opted-out conversation opts back in. */
  OPTED_IN;

  /** The conversation's opted-out flag after this change, given the flag before. */
  public boolean optedOutAfter(boolean before) {
    return switch (this) {
      case NONE -> before;
      case OPTED_OUT -> true;
      case OPTED_IN -> false;
    };
  }
}
