package io.smsfoundation.app.http;

import io.smsfoundation.app.http.Views.ConversationPageView;
import io.smsfoundation.app.http.Views.ConversationView;
import io.smsfoundation.app.http.Views.MessageView;
import io.smsfoundation.ports.in.ReadConversation;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;

/**
 * {@code GET /conversations/{phone}?limit=&cursor=}: the conversation of a number written any way
 * ({@code %2B12015550123}, {@code 2015550123}...), newest messages first, by pages.
 */
public final class ConversationEndpoint implements Endpoint {

  private final ReadConversation readConversation;
  private final JsonCodec json;

  public ConversationEndpoint(ReadConversation readConversation, JsonCodec json) {
    this.readConversation = readConversation;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    ConversationQuery query =
        new ConversationQuery(
            request.pathParam("phone"), request.queryParam("cursor"), Queries.pageLimit(request));
    return readConversation
        .read(query)
        .map(
            page -> {
              LogContext.conversation(page.conversation());
              return HttpReply.json(
                  200,
                  json.write(
                      new ConversationPageView(
                          ConversationView.of(page.conversation()),
                          page.messages().stream().map(MessageView::of).toList(),
                          page.nextCursor())));
            })
        .orElseThrow(() -> ApiError.notFound("No conversation with this phone number"));
  }
}
