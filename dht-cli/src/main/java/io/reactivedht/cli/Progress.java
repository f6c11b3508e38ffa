package io.reactivedht.cli;

import io.reactivedht.reactor.Dht;
import io.reactivedht.reactor.event.DhtEvent;
import io.reactivedht.reactor.lookup.LookupEvent;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import reactor.core.Disposable;

/**
 * The progress line on stderr during a lookup ({@code peers queried, responses, found so far}),
 * redrawn in place at most ten times a second, erased when the operation ends. Only drawn when
 * {@link #shown}: stderr is a terminal and the output is not {@code --json}.
 */
final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final IntSupplier found;
  private final AtomicInteger queried = new AtomicInteger();
  private final AtomicInteger responses = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Disposable subscription;
  private long lastDraw;
  private int drawnWidth;

  private Progress(Dht dht, PrintWriter err, IntSupplier found) {
    this.err = err;
    this.found = found;
    this.subscription = dht.events().subscribe(this::onEvent);
  }

  /** Follows {@code dht}'s lookups if {@code enabled}; otherwise does nothing. */
  static Progress follow(Dht dht, PrintWriter err, boolean enabled, IntSupplier found) {
    return enabled ? new Progress(dht, err, found) : new Progress(err);
  }

  /**
   * Whether to show progress on stderr: only when stderr is a terminal (a person watches it) and
   * the output is not {@code --json} (a program reads it, and progress lines would only be noise in
   * its logs).
   *
   * @param stderrIsTerminal what {@link #stderrIsTerminal()} says
   * @param json whether {@code --json} was given
   */
  static boolean shown(boolean stderrIsTerminal, boolean json) {
    return stderrIsTerminal && !json;
  }

  /**
   * Whether stderr is a terminal. On Linux, where {@code /proc/self/fd/2} names the file behind
   * stderr, whether that is a terminal device ({@link #isTerminalDevice}); elsewhere whether the
   * JVM has a console, the closest Java tells (stdin and stdout are terminals).
   */
  static boolean stderrIsTerminal() {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return hasConsole();
    }
  }

  /**
   * Whether {@code target}, the file a descriptor points at (as {@code /proc/self/fd/N} names it),
   * is a terminal: a pseudo-terminal ({@code /dev/pts/N}), a virtual console or a serial line
   * ({@code /dev/ttyN}, {@code /dev/console}); not a pipe, socket, file or {@code /dev/null}.
   */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }

  @SuppressWarnings("SystemConsoleNull") // null is Java 17's answer; 22+ is asked isTerminal()
  private static boolean hasConsole() {
    Console console = System.console();
    if (console == null) {
      return false; // Java 17 to 21: no terminal
    }
    // From Java 22 a console is always there; isTerminal() (22+) says whether it is a terminal.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 a console means a terminal
    }
  }

  private Progress(PrintWriter err) {
    this.err = err;
    this.found = () -> 0;
    this.subscription = () -> {};
  }

  private void onEvent(DhtEvent event) {
    if (!(event instanceof DhtEvent.Lookup lookup)) {
      return;
    }
    LookupEvent e = lookup.event();
    if (e instanceof LookupEvent.RequestSent) {
      queried.incrementAndGet();
    } else if (e instanceof LookupEvent.Answered) {
      responses.incrementAndGet();
    } else if (e instanceof LookupEvent.Failed) {
      failures.incrementAndGet();
    }
    draw();
  }

  private synchronized void draw() {
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    String line =
        String.format(
            "peers queried %d, responses %d, failed %d, found so far %d",
            queried.get(), responses.get(), failures.get(), found.getAsInt());
    err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    err.flush();
    drawnWidth = line.length();
  }

  /** Stops following and erases the line. */
  @Override
  public synchronized void close() {
    subscription.dispose();
    erase();
  }

  /** Erases the line (to print a result); the next event draws it again. */
  synchronized void erase() {
    if (drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }
}
