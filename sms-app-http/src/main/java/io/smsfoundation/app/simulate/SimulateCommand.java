package io.smsfoundation.app.simulate;

import java.io.PrintStream;
import java.util.Map;

/** Posts signed fake Twilio webhooks to a running service. */
public final class SimulateCommand {

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public SimulateCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    err.println("not yet");
    return 2;
  }
}
