package io.smsfoundation.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import io.smsfoundation.app.config.AppConfig.LogFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Everything the service logs while it is open, as the production JSON encoder writes it: applies
 * the service's own {@code logback.xml} in JSON format (as {@code Main} does), then records every
 * event through the encoder of its {@code json} appender. Closing it restores the tests' logging.
 */
final class CapturedLog implements AutoCloseable {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Capture capture;

  CapturedLog() {
    Logging.configure(LogFormat.JSON);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    OutputStreamAppender<ILoggingEvent> json =
        (OutputStreamAppender<ILoggingEvent>)
            Objects.requireNonNull(root.getAppender("json"), "logback.xml has no json appender");
    capture = new Capture(json.getEncoder());
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
  }

  /** All lines written so far. */
  String text() {
    synchronized (capture) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(CapturedLog.class.getResource("/logback-test.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Encodes every event with the production encoder into {@link #bytes}. */
  private final class Capture extends AppenderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> encoder;

    Capture(Encoder<ILoggingEvent> encoder) {
      this.encoder = encoder;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
      bytes.writeBytes(encoder.encode(event));
    }
  }
}
