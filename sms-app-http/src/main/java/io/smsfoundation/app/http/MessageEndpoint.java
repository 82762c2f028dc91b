package io.smsfoundation.app.http;

import io.smsfoundation.app.http.Views.MessageView;
import io.smsfoundation.ports.in.ReadMessage;
import java.util.Map;
import java.util.UUID;

/** {@code GET /messages/{id}}: one message with its delivery-status history. */
public final class MessageEndpoint implements Endpoint {

  private final ReadMessage readMessage;
  private final JsonCodec json;

  public MessageEndpoint(ReadMessage readMessage, JsonCodec json) {
    this.readMessage = readMessage;
    this.json = json;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    UUID id;
    try {
      id = UUID.fromString(request.pathParam("id"));
    } catch (IllegalArgumentException notAnId) {
      throw ApiError.validation("The message id is not valid", Map.of("id", "is not a UUID"));
    }
    return readMessage
        .read(id)
        .map(
            found -> {
              LogContext.message(found.message());
              return HttpReply.json(
                  200, json.write(MessageView.withHistory(found.message(), found.history())));
            })
        .orElseThrow(() -> ApiError.notFound("No message has this id"));
  }
}
