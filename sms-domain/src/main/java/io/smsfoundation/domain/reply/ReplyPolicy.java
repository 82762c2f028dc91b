package io.smsfoundation.domain.reply;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.optout.Keyword;
import io.smsfoundation.domain.optout.OptIntent;
import io.smsfoundation.domain.phone.PhoneNumberKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what the service answers an inbound message, never in a loop and never as spam: nothing
 * to short codes or alphanumeric senders (machines), nothing to a throttled sender, nothing to an
 * opted-out conversation but the STOP confirmation, at most {@code repliesPerHour} per
 * conversation. A consent keyword gets its compliance answer (unless the provider answered it
 * already); any other message the first auto-reply rule that applies, unless that rule answered the
 * conversation within its cooldown. Immutable and thread-safe.
 */
public final class ReplyPolicy {

  private final ComplianceTexts compliance;
  private final boolean complianceReplies;
  private final List<AutoReplyRule> rules;
  private final int repliesPerHour;

  /**
   * @param complianceReplies whether keywords get their compliance answers at all
   * @param rules the auto-reply rules, in the order they are tried
   */
  public ReplyPolicy(
      ComplianceTexts compliance,
      boolean complianceReplies,
      List<AutoReplyRule> rules,
      int repliesPerHour) {
    this.compliance = Objects.requireNonNull(compliance, "compliance");
    this.complianceReplies = complianceReplies;
    this.rules = List.copyOf(rules);
    this.repliesPerHour = repliesPerHour;
  }

  /** A policy that never answers. */
  public static ReplyPolicy silent() {
    return new ReplyPolicy(ComplianceTexts.defaults("-", "-"), false, List.of(), 0);
  }

  /**
   * What an inbound message is about, as the policy needs it.
   *
   * @param keyword the consent keyword the message is, or {@code null}
   * @param keywordAnsweredByProvider whether the provider recognised and answered it already
   * @param optedOutAfter whether the conversation is opted out once this message is applied
   * @param language the conversation's language once this message is applied
   * @param repliesInLastHour how many answers the conversation got in the hour before {@code at}
   * @param lastReplyOfRule when a rule last answered this conversation, by rule id
   */
  public record Inbound(
      PhoneNumberKind sender,
      Keyword keyword,
      boolean keywordAnsweredByProvider,
      boolean throttled,
      boolean tenantKnown,
      String workflowType,
      boolean optedOutAfter,
      Language language,
      int repliesInLastHour,
      Function<String, Optional<Instant>> lastReplyOfRule,
      Instant at) {}

  /** The answer to {@code message}, or empty for none. */
  public Optional<Reply> decide(Inbound message) {
    if (message.sender() != PhoneNumberKind.E164
        || message.throttled()
        || message.repliesInLastHour() >= repliesPerHour) {
      return Optional.empty();
    }
    if (message.keyword() != null && message.keyword().intent() != OptIntent.NONE) {
      return complianceAnswer(message);
    }
    if (message.optedOutAfter()) {
      return Optional.empty();
    }
    for (AutoReplyRule rule : rules) {
      if (rule.applies(message.tenantKnown(), message.workflowType(), message.at())) {
        boolean cooling =
            message
                .lastReplyOfRule()
                .apply(rule.id())
                .map(last -> message.at().isBefore(last.plus(rule.cooldown())))
                .orElse(false);
        return cooling
            ? Optional.empty()
            : Optional.of(
                new Reply(
                    Reply.Source.AUTO_REPLY,
                    rule.id(),
                    rule.text(message.language()),
                    message.language()));
      }
    }
    return Optional.empty();
  }

  private Optional<Reply> complianceAnswer(Inbound message) {
    OptIntent intent = message.keyword().intent();
    if (!complianceReplies
        || message.keywordAnsweredByProvider()
        || (message.optedOutAfter() && intent != OptIntent.OPT_OUT)) {
      return Optional.empty();
    }
    Language language =
        message.keyword().language() != Language.UNKNOWN
            ? message.keyword().language()
            : message.language() != Language.UNKNOWN ? message.language() : Language.EN;
    return Optional.ofNullable(compliance.answer(intent, language))
        .map(text -> new Reply(Reply.Source.COMPLIANCE, null, text, language));
  }
}
