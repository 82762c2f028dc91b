package io.smsfoundation.app.http;

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
}
