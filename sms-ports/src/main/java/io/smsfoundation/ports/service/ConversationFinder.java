package io.smsfoundation.ports.service;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.phone.PhoneNumbers;
import io.smsfoundation.ports.out.ConversationStore;
import java.util.Optional;

/** Finds a conversation from any way of writing its number. */
final class ConversationFinder {

  private final ConversationStore conversations;
  private final PhoneNumbers phones;

  ConversationFinder(ConversationStore conversations, PhoneNumbers phones) {
    this.conversations = conversations;
    this.phones = phones;
  }

  /** The canonical form first, then each lookup variant as a stored key. */
  Optional<Conversation> find(String phone) {
    if (phone == null || phone.isBlank()) {
      return Optional.empty();
    }
    Optional<Conversation> canonical =
        conversations.findByCanonical(phones.classify(phone).canonical());
    if (canonical.isPresent()) {
      return canonical;
    }
    for (String variant : phones.lookupVariants(phone)) {
      Optional<Conversation> found = conversations.findByCanonical(variant);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
