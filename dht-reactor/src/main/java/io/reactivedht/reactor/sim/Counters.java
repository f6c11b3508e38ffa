package io.reactivedht.reactor.sim;

import java.util.concurrent.atomic.AtomicLongArray;

/** The network's counters, safe to bump from any thread. */
final class Counters {
  /** One counter per {@link NetworkStats} component, in the same order. */
  enum Counter {
    SENT,
    DELIVERED,
    COMPLETED,
    LOST,
    TO_UNRESPONSIVE,
    TO_ABSENT,
    REFUSED,
    RESET,
    EVENT_DROPPED
  }

  private final AtomicLongArray counts = new AtomicLongArray(Counter.values().length);

  void increment(Counter counter) {
    counts.incrementAndGet(counter.ordinal());
  }

  NetworkStats snapshot() {
    return new NetworkStats(
        get(Counter.SENT),
        get(Counter.DELIVERED),
        get(Counter.COMPLETED),
        get(Counter.LOST),
        get(Counter.TO_UNRESPONSIVE),
        get(Counter.TO_ABSENT),
        get(Counter.REFUSED),
        get(Counter.RESET),
        get(Counter.EVENT_DROPPED));
  }

  private long get(Counter counter) {
    return counts.get(counter.ordinal());
  }
}
