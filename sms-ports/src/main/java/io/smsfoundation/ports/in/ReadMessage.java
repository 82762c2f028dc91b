package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.Message;
import io.smsfoundation.domain.message.StatusEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads one message with its delivery-status history. */
public interface ReadMessage {

  Optional<MessageWithHistory> read(UUID messageId);

  /** A message and its status callbacks, oldest first. */
  record MessageWithHistory(Message message, List<StatusEvent> history) {}
}
