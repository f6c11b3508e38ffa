package io.reactivedht.reactor.internal.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.reactivedht.core.peer.PeerId;
import io.reactivedht.reactor.config.RequestRateLimit;
import java.time.Duration;

/**
 * A token bucket per peer ({@link RequestRateLimit}). Buckets live in a bounded cache: a peer quiet
 * long enough to refill its bucket is forgotten, which is the same as a full bucket, so forgetting
 * never lets a peer send more. Time comes from the given ticker, so that tests run on virtual time.
 * Thread-safe.
 */
final class PeerRateLimiter {
  /** The most peers with a bucket; beyond it the least recently seen are forgotten. */
  static final int MAX_PEERS = 10_000;

  private final RequestRateLimit limit;
  private final Cache<PeerId, Bucket> buckets;

  private final Ticker ticker;

  PeerRateLimiter(RequestRateLimit limit, Ticker ticker) {
    this.limit = limit;
    this.ticker = ticker;
    double refillSeconds = limit.isUnlimited() ? 1 : limit.burst() / limit.perSecond();
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAX_PEERS)
            .executor(Runnable::run)
            .ticker(ticker)
            .expireAfterAccess(
                Duration.ofNanos((long) Math.ceil(refillSeconds * 1e9)).plusSeconds(1))
            .build();
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
    long nowNanos = ticker.read();
    Bucket bucket = buckets.get(peer, p -> new Bucket(limit.burst(), nowNanos));
    synchronized (bucket) {
      return bucket.tryTake(limit, nowNanos);
    }
  }

  /** Tokens and the time they were counted at; guarded by its own monitor. */
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
