package io.smsfoundation.app.http;

import io.smsfoundation.ports.in.ReadConversation;
import java.util.Map;

/** Reading query parameters the same way on every endpoint. */
final class Queries {

  private Queries() {}

  /**
   * An integer parameter in {@code [min, max]}, {@code fallback} when absent; a 400 naming the
   * parameter otherwise.
   */
  static int intParam(HttpRequest request, String name, int fallback, int min, int max) {
    String text = request.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the refusal
    }
    throw ApiError.validation(
        "The request is invalid", Map.of(name, "must be between " + min + " and " + max));
  }

  /** At most 40 characters of caller text, to name it in an error without echoing a flood. */
  static String clip(String text) {
    String stripped = text.strip();
    return stripped.length() <= 40 ? stripped : stripped.substring(0, 40) + "...";
  }

  /**
   * The {@code limit} of a page request, or {@code null} when absent; its range is the use case's
   * to check.
   */
  static Integer pageLimit(HttpRequest request) {
    String text = request.queryParam("limit");
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException notANumber) {
      throw ApiError.validation(
          "The limit is not a number",
          Map.of("limit", "must be between 1 and " + ReadConversation.MAX_LIMIT));
    }
  }
}
