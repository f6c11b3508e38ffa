package io.reactivedht.reactor.internal.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.RequestRateLimit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per peer ({@link RequestRateLimit}), for at most {@link #MAX_PEERS} peers, the
 * least recently seen forgotten first, and as a new peer arrives, the least recently seen if it has
 * been quiet long enough to refill: a forgotten peer starts again with a full bucket, which is what
 * it would have anyway. Refills are computed when a peer asks, so nothing runs while peers are
 * quiet. Time comes from the given ticker, so that tests run on virtual time. Thread-safe: a
 * request holds this limiter's monitor for one map access.
 */
final class PeerRateLimiter {
  /** The most peers with a bucket; beyond it the least recently seen are forgotten. */
  static final int MAX_PEERS = 10_000;

  private final RequestRateLimit limit;
  private final Ticker ticker;

  /** How long an empty bucket takes to fill. */
  private final long refillNanos;

  /** The time of the request being counted (under the monitor). */
  private long nowNanos;

  /** Access-ordered, so that the eldest is the least recently seen. */
  private final Map<PeerId, Bucket> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, Bucket> eldest) {
          return size() > MAX_PEERS || nowNanos - eldest.getValue().countedAt > refillNanos;
        }
      };

  PeerRateLimiter(RequestRateLimit limit, Ticker ticker) {
    this.limit = limit;
    this.ticker = ticker;
    this.refillNanos =
        limit.isUnlimited() ? 0 : (long) Math.ceil(limit.burst() / limit.perSecond() * 1e9);
  }

  /**
   * Takes a token from {@code peer}'s bucket.
   *
   * @return false when the bucket is empty: the request is over the limit
   */
  boolean tryAcquire(PeerId peer) {
    if (limit.isUnlimited()) {
      return true;
    }
    long now = ticker.read();
    synchronized (this) {
      nowNanos = now;
      return buckets.computeIfAbsent(peer, p -> new Bucket(limit.burst(), now)).tryTake(limit, now);
    }
  }

  /** The number of peers with a bucket now. */
  synchronized int size() {
    return buckets.size();
  }

  /** Tokens and the time they were counted at; guarded by the limiter's monitor. */
  private static final class Bucket {
    private double tokens;
    private long countedAt;

    Bucket(double tokens, long countedAt) {
      this.tokens = tokens;
      this.countedAt = countedAt;
    }

    boolean tryTake(RequestRateLimit limit, long nowNanos) {
      double elapsedSeconds = Math.max(0, nowNanos - countedAt) / 1e9;
      tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.perSecond());
      countedAt = Math.max(countedAt, nowNanos);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
