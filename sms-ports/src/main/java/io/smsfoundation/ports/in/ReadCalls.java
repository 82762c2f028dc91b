package io.smsfoundation.ports.in;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.call.CallStatusEvent;
import io.smsfoundation.domain.conversation.Conversation;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;
import java.util.List;
import java.util.Optional;

/** Reads calls: one with its status history, or a conversation's calls newest first by pages. */
public interface ReadCalls {

  /**
   * The call with our id or the provider's call id, or empty.
   *
   * @param idOrProviderId a call id (UUID) or the provider's call id
   */
  Optional<CallWithHistory> read(String idOrProviderId);

  /** The page of the conversation of the query's number, or empty when it has none. */
  Optional<CallPage> page(ConversationQuery query);

  /** A call and its status history, oldest first. */
  record CallWithHistory(Call call, List<CallStatusEvent> history) {}

  /**
   * @param nextCursor opaque cursor of the next page, {@code null} on the last page
   */
  record CallPage(Conversation conversation, List<Call> calls, String nextCursor) {}
}
