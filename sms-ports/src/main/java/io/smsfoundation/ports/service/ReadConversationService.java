package io.smsfoundation.ports.service;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.ReadConversation;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.MessageKey;
import io.smsfoundation.ports.out.MessageStore;
import java.util.List;
import java.util.Optional;

/**
 * Reads conversations newest first with keyset pagination: each page asks for one message more than
 * it returns, so the last page is known without a count.
 */
public final class ReadConversationService implements ReadConversation {

  private final ConversationFinder finder;
  private final MessageStore messages;

  public ReadConversationService(
      ConversationStore conversations, MessageStore messages, PhoneNumbers phones) {
    this.finder = new ConversationFinder(conversations, phones);
    this.messages = messages;
  }

  @Override
  public Optional<ConversationPage> read(ConversationQuery query) {
    Optional<MessageKey> after = Optional.ofNullable(query.cursor()).map(PageCursor::decode);
    return finder
        .find(query.phone())
        .map(
            conversation -> {
              List<Message> page = messages.page(conversation.id(), after, query.limit() + 1);
              boolean more = page.size() > query.limit();
              List<Message> shown = more ? page.subList(0, query.limit()) : page;
              String next =
                  more
                      ? PageCursor.encode(
                          new MessageKey(shown.getLast().createdAt(), shown.getLast().id()))
                      : null;
              return new ConversationPage(conversation, List.copyOf(shown), next);
            });
  }
}
