package io.smsfoundation.domain.reply;

import io.smsfoundation.domain.language.Language;
import io.smsfoundation.domain.optout.OptIntent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the service answers the keywords carriers require an answer to: HELP (a help text), STOP (a
 * confirmation that nothing more will be sent) and START (a confirmation), in English, Spanish and
 * Portuguese, with the company's name and a contact filled in. Immutable.
 */
public final class ComplianceTexts {

  /** Placeholders a text may hold. */
  public static final String COMPANY = "{company}";

  public static final String CONTACT = "{contact}";

  private static final Map<OptIntent, Map<Language, String>> DEFAULTS =
      Map.of(
          OptIntent.HELP,
          Map.of(
              Language.EN,
              "{company}: for help reply to this number or contact {contact}. Msg&data rates may"
                  + " apply. Reply STOP to opt out.",
              Language.ES,
              "{company}: para ayuda responde a este número o contacta a {contact}. Pueden"
                  + " aplicarse tarifas de mensajes y datos. Responde STOP para darte de baja.",
              Language.PT,
              "{company}: para ajuda responda a este número ou contate {contact}. Podem ser"
                  + " cobradas tarifas de mensagens e dados. Responda STOP para cancelar."),
          OptIntent.OPT_OUT,
          Map.of(
              Language.EN,
              "{company}: you are unsubscribed and will receive no more messages. Reply START to"
                  + " subscribe again.",
              Language.ES,
              "{company}: te has dado de baja y no recibirás más mensajes. Responde START para"
                  + " volver a recibirlos.",
              Language.PT,
              "{company}: você cancelou a inscrição e não receberá mais mensagens. Responda START"
                  + " para voltar a recebê-las."),
          OptIntent.OPT_IN,
          Map.of(
              Language.EN,
              "{company}: you are subscribed again. Reply HELP for help, STOP to opt out.",
              Language.ES,
              "{company}: te has suscrito de nuevo. Responde AYUDA para ayuda, STOP para darte de"
                  + " baja.",
              Language.PT,
              "{company}: você voltou a receber mensagens. Responda AJUDA para ajuda, STOP para"
                  + " cancelar."));

  /** The help texts when no contact is configured. */
  private static final Map<Language, String> HELP_WITHOUT_CONTACT =
      Map.of(
          Language.EN,
          "{company}: for help reply to this number. Msg&data rates may apply. Reply STOP to opt"
              + " out.",
          Language.ES,
          "{company}: para ayuda responde a este número. Pueden aplicarse tarifas de mensajes y"
              + " datos. Responde STOP para darte de baja.",
          Language.PT,
          "{company}: para ajuda responda a este número. Podem ser cobradas tarifas de mensagens"
              + " e dados. Responda STOP para cancelar.");

  private final Map<OptIntent, Map<Language, String>> texts;

  private ComplianceTexts(Map<OptIntent, Map<Language, String>> texts) {
    this.texts = texts;
  }

  /**
   * The built-in texts, with {@code company} and {@code contact} filled in.
   *
   * @param contact a phone number, address or web page for help, or {@code null} for none (the help
   *     texts then only invite a reply)
   * @param overrides texts that replace the built-in ones, by keyword and language; may hold the
   *     placeholders {@value #COMPANY} and {@value #CONTACT}
   */
  public static ComplianceTexts of(
      String company, String contact, Map<OptIntent, Map<Language, String>> overrides) {
    Objects.requireNonNull(company, "company");
    boolean noContact = contact == null || contact.isBlank();
    Map<OptIntent, Map<Language, String>> texts = new EnumMap<>(OptIntent.class);
    for (OptIntent intent : DEFAULTS.keySet()) {
      Map<Language, String> defaults =
          noContact && intent == OptIntent.HELP ? HELP_WITHOUT_CONTACT : DEFAULTS.get(intent);
      Map<Language, String> byLanguage = new EnumMap<>(Language.class);
      for (Language language : new Language[] {Language.EN, Language.ES, Language.PT}) {
        String text =
            overrides.getOrDefault(intent, Map.of()).getOrDefault(language, defaults.get(language));
        byLanguage.put(
            language,
            text.replace(COMPANY, company).replace(CONTACT, noContact ? "" : contact.strip()));
      }
      texts.put(intent, Map.copyOf(byLanguage));
    }
    return new ComplianceTexts(Map.copyOf(texts));
  }

  /** The built-in texts for {@code company}, reachable at {@code contact}. */
  public static ComplianceTexts defaults(String company, String contact) {
    return of(company, contact, Map.of());
  }

  /**
   * The answer to a keyword in {@code language} (English when there is no text in it), or {@code
   * null} for a message that asks nothing.
   */
  public String answer(OptIntent intent, Language language) {
    Map<Language, String> byLanguage = texts.get(intent);
    if (byLanguage == null) {
      return null;
    }
    return byLanguage.getOrDefault(language, byLanguage.get(Language.EN));
  }
}
