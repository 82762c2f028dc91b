package io.smsfoundation.ports.in;

import io.smsfoundation.domain.message.StorableText;
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

  /** The problem named for text a store could not keep (NUL or an unpaired surrogate). */
  static final String NOT_STORABLE = "must not contain NUL or unpaired surrogate characters";

  /** Refuses text that holds what no store can keep; callers that must keep it use StorableText. */
  Validation requireStorable(String value, String field) {
    return require(StorableText.isStorable(value), field, NOT_STORABLE);
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new InvalidCommandException(errors);
    }
  }
}
