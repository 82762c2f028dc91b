package io.smsfoundation.ports.in;

import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.domain.message.Message;
import java.util.List;
import java.util.Optional;

/** Reads a conversation by any form of its phone number, newest messages first, by pages. */
public interface ReadConversation {

  int DEFAULT_LIMIT = 20;
  int MAX_LIMIT = 100;

  /** The page, or empty when no conversation has that number. */
  Optional<ConversationPage> read(ConversationQuery query);

  /**
   * @param phone any variant of the number ({@code +12015550123}, {@code 2015550123}, ...)
   * @param cursor the {@code next_cursor} of the previous page, or {@code null} for the first
   * @param limit page size, {@code null} for {@value #DEFAULT_LIMIT}
   */
  record ConversationQuery(String phone, String cursor, Integer limit) {

    public ConversationQuery {
      new Validation()
          .require(Validation.present(phone), "phone", "is required")
          .requireStorable(phone, "phone")
          .require(
              limit == null || (limit >= 1 && limit <= MAX_LIMIT),
              "limit",
              "must be between 1 and " + MAX_LIMIT)
          .throwIfInvalid();
      limit = limit == null ? DEFAULT_LIMIT : limit;
      cursor = Validation.present(cursor) ? cursor.strip() : null;
    }
  }

  /**
   * @param nextCursor opaque cursor of the next page, {@code null} on the last page
   */
  record ConversationPage(Conversation conversation, List<Message> messages, String nextCursor) {}
}
