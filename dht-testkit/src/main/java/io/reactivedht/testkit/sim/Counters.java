package io.reactivedht.testkit.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

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

  private final Map<Counter, LongAdder> counts = new EnumMap<>(Counter.class);

  Counters() {
    for (Counter counter : Counter.values()) {
      counts.put(counter, new LongAdder());
    }
  }

  void increment(Counter counter) {
    count(counter).increment();
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
    return count(counter).sum();
  }

  private LongAdder count(Counter counter) {
    return Objects.requireNonNull(counts.get(counter), "every counter is present");
  }
}
