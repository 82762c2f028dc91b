package io.smsfoundation.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.smsfoundation.app.config.AppConfig.LogFormat;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Applies the configured log format to Logback, once the configuration has been validated. */
final class Logging {

  private Logging() {}

  /**
   * Reloads {@code logback.xml} with {@code sms.log.format} set to {@code json} or {@code text}.
   */
  static void configure(LogFormat format) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    URL configuration = Logging.class.getResource("/logback.xml");
    if (!(factory instanceof LoggerContext context) || configuration == null) {
      return; // another SLF4J binding, or a test's own configuration: leave it alone
    }
    context.reset();
    context.putProperty("sms.log.format", format.code());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(configuration);
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml is broken", e);
    }
  }
}
