package io.reactivedht.transport.interop;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a js peer's state to settle (a routing-table insertion follows identify and a ping
 * asynchronously): polls until the condition holds, failing after a bound. The bound is a test
 * timeout, not a timing assertion.
 */
final class Eventually {
  private static final Duration POLL = Duration.ofMillis(100);

  private Eventually() {}

  /**
   * The first value of {@code probe} that satisfies {@code condition}; fails naming {@code what}
   * after {@code bound}.
   */
  static <T> T await(
      String what, Duration bound, Supplier<T> probe, Predicate<? super T> condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      T value = probe.get();
      if (condition.test(value)) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + bound + ": " + what + "; last seen " + value);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
