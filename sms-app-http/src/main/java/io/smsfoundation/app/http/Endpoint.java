package io.smsfoundation.app.http;

/**
 * Answers the requests of one route. Implementations receive their use cases in the constructor,
 * are thread-safe, and signal refusals by throwing {@link ApiError} (or an {@link
 * io.smsfoundation.ports.in.InvalidCommandException}), which the server turns into the error
 * envelope.
 */
@FunctionalInterface
public interface Endpoint {

  HttpReply handle(HttpRequest request);
}
