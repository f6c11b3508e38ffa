package io.reactivedht.transport.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the transport logs at FINE and above while open. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger; // held strongly: the LogManager keeps loggers only weakly
  private final Level previous;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
    this.previous = logger.getLevel();
    setLevel(Level.FINE);
    logger.setLevel(Level.FINE);
    logger.addHandler(this);
  }

  /** Starts recording the {@code io.reactivedht.transport} loggers. */
  static LogCapture start() {
    return new LogCapture(Logger.getLogger("io.reactivedht.transport"));
  }

  /** The messages so far, each prefixed by its logger's simple name. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  /** Whether a message so far contains every one of {@code parts}. */
  boolean contains(String... parts) {
    return messages.stream().anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      String name = record.getLoggerName();
      messages.add(name.substring(name.lastIndexOf('.') + 1) + ": " + record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
