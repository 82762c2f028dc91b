package io.smsfoundation.ports.service;

import io.smsfoundation.ports.in.ReadMessage;
import io.smsfoundation.ports.out.MessageStore;
import java.util.Optional;
import java.util.UUID;

/** Reads a message with its delivery-status history. */
public final class ReadMessageService implements ReadMessage {

  private final MessageStore messages;

  public ReadMessageService(MessageStore messages) {
    this.messages = messages;
  }

  @Override
  public Optional<MessageWithHistory> read(UUID messageId) {
    return messages
        .findById(messageId)
        .map(message -> new MessageWithHistory(message, messages.statusEvents(messageId)));
  }
}
