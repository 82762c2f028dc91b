package io.smsfoundation.app.http;

import io.smsfoundation.app.http.CallViews.CallPageView;
import io.smsfoundation.app.http.CallViews.CallView;
import io.smsfoundation.ports.in.ReadCalls;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;
import org.slf4j.MDC;

/**
 * {@code GET /calls/{id}} (our call id or Twilio's CallSid), one call with its status history and
 * raw webhook, and {@code GET /conversations/{phone}/calls?limit=&cursor=}, a conversation's calls
 * newest first by pages.
 */
public final class CallEndpoints {

  private final ReadCalls readCalls;
  private final JsonCodec json;

  public CallEndpoints(ReadCalls readCalls, JsonCodec json) {
    this.readCalls = readCalls;
    this.json = json;
  }

  /** {@code GET /calls/{id}}. */
  public Endpoint one() {
    return request ->
        readCalls
            .read(request.pathParam("id"))
            .map(
                found -> {
                  MDC.put("call_id", found.call().id().toString());
                  MDC.put("conversation_id", found.call().conversationId().toString());
                  return HttpReply.json(
                      200, json.write(CallView.withHistory(found.call(), found.history())));
                })
            .orElseThrow(() -> ApiError.notFound("No call has this id or CallSid"));
  }

  /** {@code GET /conversations/{phone}/calls}. */
  public Endpoint ofConversation() {
    return request -> {
      ConversationQuery query =
          new ConversationQuery(
              request.pathParam("phone"), request.queryParam("cursor"), Queries.pageLimit(request));
      return readCalls
          .page(query)
          .map(
              page -> {
                LogContext.conversation(page.conversation());
                return HttpReply.json(
                    200,
                    json.write(
                        new CallPageView(
                            Views.ConversationView.of(page.conversation()),
                            page.calls().stream().map(CallView::of).toList(),
                            page.nextCursor())));
              })
          .orElseThrow(() -> ApiError.notFound("No conversation with this phone number"));
    };
  }
}
