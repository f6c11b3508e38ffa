package io.reactivedht.core.routing;

import java.time.Duration;

/**
 * The settings of a {@link RoutingTable}. Immutable; start from {@link #DEFAULT} and change one
 * setting at a time with the {@code with...} methods.
 *
 * @param bucketSize k, the most peers a bucket holds. Default 20 (the Amino/IPFS value).
 * @param replacementCacheSize the most candidates a full bucket remembers, to take a place that
 *     frees up. Default 20 (k). At least 1: the candidate that triggers a liveness check waits
 *     there.
 * @param staleAfter how long since the oldest entry of a full bucket was last seen before a
 *     newcomer triggers a liveness check of it; a bucket whose oldest entry was seen more recently
 *     keeps its members without asking anyone. Default 1 minute; {@link Duration#ZERO} checks on
 *     every newcomer, as classic Kademlia does.
 * @param livenessCheckTimeout how long a liveness check may stay unanswered before it counts as
 *     abandoned, so that the next newcomer may start another one (no entry is evicted without a
 *     report). Default 1 minute (rust-libp2p's pending timeout; longer than any ping the caller
 *     runs).
 */
public record RoutingTableConfig(
    int bucketSize, int replacementCacheSize, Duration staleAfter, Duration livenessCheckTimeout) {

  /**
   * k = 20, 20 replacement candidates per bucket, checks after 1 minute of silence, checks
   * abandoned after 1 minute.
   */
  public static final RoutingTableConfig DEFAULT =
      new RoutingTableConfig(20, 20, Duration.ofMinutes(1), Duration.ofMinutes(1));

  /**
   * Checks the ranges.
   *
   * @param bucketSize k, at least 1
   * @param replacementCacheSize at least 1
   * @param staleAfter not negative; zero checks on every newcomer
   * @param livenessCheckTimeout positive
   */
  public RoutingTableConfig {
    if (bucketSize < 1) {
      throw new IllegalArgumentException("bucketSize must be at least 1, got " + bucketSize);
    }
    if (replacementCacheSize < 1) {
      throw new IllegalArgumentException(
          "replacementCacheSize must be at least 1, got " + replacementCacheSize);
    }
    if (staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must not be negative, got " + staleAfter);
    }
    if (livenessCheckTimeout.isNegative() || livenessCheckTimeout.isZero()) {
      throw new IllegalArgumentException(
          "livenessCheckTimeout must be positive, got " + livenessCheckTimeout);
    }
  }

  /**
   * This config with k = {@code bucketSize}.
   *
   * @param bucketSize the most peers a bucket holds, at least 1
   * @return a new config; this one is unchanged
   */
  public RoutingTableConfig withBucketSize(int bucketSize) {
    return new RoutingTableConfig(
        bucketSize, replacementCacheSize, staleAfter, livenessCheckTimeout);
  }

  /**
   * This config with room for {@code replacementCacheSize} candidates per bucket.
   *
   * @param replacementCacheSize at least 1
   * @return a new config; this one is unchanged
   */
  public RoutingTableConfig withReplacementCacheSize(int replacementCacheSize) {
    return new RoutingTableConfig(
        bucketSize, replacementCacheSize, staleAfter, livenessCheckTimeout);
  }

  /**
   * This config with the given {@link #staleAfter()}.
   *
   * @param staleAfter not negative; {@link Duration#ZERO} checks on every newcomer
   * @return a new config; this one is unchanged
   */
  public RoutingTableConfig withStaleAfter(Duration staleAfter) {
    return new RoutingTableConfig(
        bucketSize, replacementCacheSize, staleAfter, livenessCheckTimeout);
  }

  /**
   * This config with the given {@link #livenessCheckTimeout()}.
   *
   * @param livenessCheckTimeout positive
   * @return a new config; this one is unchanged
   */
  public RoutingTableConfig withLivenessCheckTimeout(Duration livenessCheckTimeout) {
    return new RoutingTableConfig(
        bucketSize, replacementCacheSize, staleAfter, livenessCheckTimeout);
  }
}
