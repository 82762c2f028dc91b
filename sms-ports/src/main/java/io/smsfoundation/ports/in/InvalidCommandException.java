package io.smsfoundation.ports.in;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command that cannot be carried out as given; the HTTP layer answers it with a 400 and the field
 * details. Nothing has been written when it is thrown.
 */
public final class InvalidCommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Map<String, String> fieldErrors;

  public InvalidCommandException(Map<String, String> fieldErrors) {
    super("invalid " + String.join(", ", fieldErrors.keySet()));
    this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
  }

  public static InvalidCommandException of(String field, String problem) {
    return new InvalidCommandException(Map.of(field, problem));
  }

  /** Field name to a short description of what is wrong with it. */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
