package io.smsfoundation.app.config;

import java.util.List;

/**
 * The environment does not describe a service that can start. Each problem names its variable and
 * never repeats a secret's value; {@code Main} prints them and exits.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the variable's name. */
  public List<String> problems() {
    return problems;
  }
}
