package io.reactivedht.store.rocksdb;

import java.time.Duration;
import java.time.Instant;

/**
 * Age arithmetic on the stores' time line, as dht-core's in-memory stores do it: a ticker read as
 * nanoseconds since the Unix epoch, compared with the instants records carry. Something stamped
 * {@code t} is live until just before {@code t + ttl}: at exactly {@code t + ttl} it has expired.
 */
final class Ages {
  private Ages() {}

  /** The instant a ticker reading stands for. */
  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  /** Whether {@code since + ttl} is still ahead of {@code nowNanos}. */
  static boolean isLive(Instant since, Duration ttl, long nowNanos) {
    return Duration.between(since, instant(nowNanos)).compareTo(ttl) < 0;
  }

  /** The latest stamp that has expired at {@code nowNanos}: everything stamped at or before it. */
  static Instant expiredUpTo(Duration ttl, long nowNanos) {
    return instant(nowNanos).minus(ttl);
  }
}
