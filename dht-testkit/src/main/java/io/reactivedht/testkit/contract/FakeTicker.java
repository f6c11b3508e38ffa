package io.reactivedht.testkit.contract;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker on the epoch time line that moves only when told, starting at 2025-01-01T00:00:00Z (as
 * dht-core's own store tests use).
 */
final class FakeTicker implements Ticker {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong(START.getEpochSecond() * 1_000_000_000L);

  @Override
  public long read() {
    return nanos.get();
  }

  /** The current instant. */
  Instant now() {
    return Instant.ofEpochSecond(0, nanos.get());
  }

  /** Moves time forward. */
  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
