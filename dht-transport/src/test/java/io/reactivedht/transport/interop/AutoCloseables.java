package io.reactivedht.transport.interop;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The nodes a test class started, closed together in reverse order: every one is closed even if
 * another fails to close, and the first failure is rethrown with the others suppressed.
 */
final class AutoCloseables implements AutoCloseable {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** Remembers {@code resource} for {@link #close()} and returns it. */
  synchronized <T extends AutoCloseable> T add(T resource) {
    open.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the test nodes failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
