package io.smsfoundation.adapter.twilio.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** A webhook form without what every webhook of its kind carries, by Twilio's parameter names. */
final class InvalidForm extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> details;

  InvalidForm(Map<String, String> details) {
    super("the webhook form is incomplete", null, false, false);
    this.details = Map.copyOf(details);
  }

  Map<String, String> details() {
    return details;
  }

  /** Collects the problems of one form so that all of them are reported at once. */
  static final class Problems {

    private final Map<String, String> problems = new LinkedHashMap<>();

    Problems require(boolean ok, String parameter, String problem) {
      if (!ok) {
        problems.putIfAbsent(parameter, problem);
      }
      return this;
    }

    void throwIfAny() throws InvalidForm {
      if (!problems.isEmpty()) {
        throw new InvalidForm(problems);
      }
    }
  }
}
