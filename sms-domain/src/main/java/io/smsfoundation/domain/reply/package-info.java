/**
 * Answers to inbound messages: the compliance texts carriers require (HELP, STOP, START) in the
 * sender's language, auto-reply rules, and the policy that keeps answers from looping or spamming.
 */
package io.smsfoundation.domain.reply;
