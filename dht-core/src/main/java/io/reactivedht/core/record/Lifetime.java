package io.reactivedht.core.record;

import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Age arithmetic on the stores' single time line: a Caffeine {@link Ticker} read as nanoseconds
 * since the Unix epoch, compared with the {@link Instant}s that records carry. Something is live
 * from its timestamp {@code t} until just before {@code t + ttl}: at exactly {@code t + ttl} it has
 * expired. A timestamp in the future counts as now, so nothing lives longer than {@code ttl} from
 * the moment it is stored.
 */
final class Lifetime {
  /** The longest TTL: Caffeine's own limit on an expiry, about 146 years. */
  static final Duration MAX_TTL = Duration.ofNanos(Long.MAX_VALUE >> 1);

  private Lifetime() {}

  /** {@code ttl}, checked to be positive and at most {@link #MAX_TTL}. */
  static Duration checkTtl(String name, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + MAX_TTL + ": " + ttl);
    }
    return ttl;
  }

  /** The instant a ticker reading stands for. */
  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos);
  }

  /**
   * Nanoseconds left until {@code since + ttl}, seen at {@code nowNanos}: 0 once reached, at most
   * {@code ttl}.
   */
  static long nanosLeft(Instant since, Duration ttl, long nowNanos) {
    Duration left = ttl.minus(Duration.between(since, instant(nowNanos)));
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    return left.compareTo(ttl) > 0 ? ttl.toNanos() : left.toNanos();
  }

  /** Whether {@code since + ttl} is still ahead of {@code nowNanos}. */
  static boolean isLive(Instant since, Duration ttl, long nowNanos) {
    return nanosLeft(since, ttl, nowNanos) > 0;
  }

  /**
   * A Caffeine expiry that ends an entry at {@code since(value) + ttl}, recomputed on every write
   * and left alone on reads. Caffeine hides the entry from that moment and frees it on a later
   * write or clean-up, at the resolution of its timer wheel (about a second); the stores check the
   * timestamp on reads as well.
   */
  static <K, V> Expiry<K, V> expiry(Function<V, Instant> since, Duration ttl) {
    return new Expiry<>() {
      @Override
      public long expireAfterCreate(K key, V value, long currentTime) {
        return nanosLeft(since.apply(value), ttl, currentTime);
      }

      @Override
      public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return nanosLeft(since.apply(value), ttl, currentTime);
      }

      @Override
      public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
      }
    };
  }
}
