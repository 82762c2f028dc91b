package io.smsfoundation.ports.in;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects field problems of one command so that all of them are reported at once. */
final class Validation {

  private final Map<String, String> errors = new LinkedHashMap<>();

  Validation require(boolean ok, String field, String problem) {
    if (!ok) {
      errors.putIfAbsent(field, problem);
    }
    return this;
  }

  static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidCommandException(errors);
    }
  }
}
