package io.smsfoundation.app.http;

import io.smsfoundation.domain.call.Call;
import io.smsfoundation.domain.message.Message;

/**
 * The API's views of domain values for code outside this package that must show them exactly as the
 * API does (the events' {@code data} shows a message as {@code GET /messages/{id}} does).
 */
public final class ApiViews {

  private ApiViews() {}

  /** A message as {@code GET /conversations/{phone}} lists it, for {@link JsonCodec#write}. */
  public static Object message(Message message) {
    return Views.MessageView.of(message);
  }

  /** A call as {@code GET /conversations/{phone}/calls} lists it, for {@link JsonCodec#write}. */
  public static Object call(Call call) {
    return CallViews.CallView.of(call);
  }
}
