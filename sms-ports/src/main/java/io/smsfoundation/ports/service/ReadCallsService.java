package io.smsfoundation.ports.service;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.in.ReadCalls;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;
import io.smsfoundation.ports.out.CallStore;
import io.smsfoundation.ports.out.ConversationStore;
import io.smsfoundation.ports.out.MessageKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads calls by our id or the provider's, and a conversation's calls newest first with keyset
 * pagination (the same opaque cursors as the message pages, over the calls' receive times).
 */
public final class ReadCallsService implements ReadCalls {

  private final CallStore calls;
  private final ConversationFinder finder;

  ReadCallsService(CallStore calls, ConversationStore conversations, PhoneNumbers phones) {
    this.calls = calls;
    this.finder = new ConversationFinder(conversations, phones);
  }

  @Override
  public Optional<CallWithHistory> read(String idOrProviderId) {
    if (idOrProviderId == null || idOrProviderId.isBlank()) {
      return Optional.empty();
    }
    String wanted = idOrProviderId.strip();
    Optional<Call> call = uuid(wanted).flatMap(calls::findById);
    if (call.isEmpty()) {
      call = calls.findBySid(wanted);
    }
    return call.map(found -> new CallWithHistory(found, calls.statusEvents(found.id())));
  }

  @Override
  public Optional<CallPage> page(ConversationQuery query) {
    Optional<MessageKey> after = Optional.ofNullable(query.cursor()).map(PageCursor::decode);
    return finder
        .find(query.phone())
        .map(
            conversation -> {
              List<Call> page = calls.page(conversation.id(), after, query.limit() + 1);
              boolean more = page.size() > query.limit();
              List<Call> shown = more ? page.subList(0, query.limit()) : page;
              String next =
                  more
                      ? PageCursor.encode(
                          new MessageKey(shown.getLast().receivedAt(), shown.getLast().id()))
                      : null;
              return new CallPage(conversation, List.copyOf(shown), next);
            });
  }

  private static Optional<UUID> uuid(String text) {
    if (text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
