package io.smsfoundation.adapter.monitor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the directory logs while it is open. */
final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(MonitorTenantDirectory.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  List<ILoggingEvent> at(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).toList();
  }

  List<ILoggingEvent> lookups() {
    return events().stream()
        .filter(e -> e.getFormattedMessage().startsWith("tenant lookup "))
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
