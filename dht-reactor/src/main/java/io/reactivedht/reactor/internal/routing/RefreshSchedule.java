package io.reactivedht.reactor.internal.routing;

import java.time.Duration;

/**
 * When the periodic maintenance runs, as pure functions of the table size and the refresh interval.
 *
 * <ul>
 *   <li>A round starts every {@code refreshInterval} (10 min on Amino, as the spec asks), counted
 *       from the start of the previous round; a round that took longer is followed by the next at
 *       once, so rounds never overlap.
 *   <li>While the table holds fewer than k peers, rounds come every {@link #LOW_TABLE_PERIOD} (1
 *       min) instead, or every {@code refreshInterval} if that is shorter: a node that lost its
 *       peers, or never had any, gets back into the network within a minute. This is
 *       go-libp2p-kad-dht's {@code fixLowPeers} (every 2 min while the table holds at most 10
 *       peers) with rust-libp2p's k as the threshold; the size is read when a round ends.
 *   <li>A bucket is due for a random-key lookup once its last lookup is older than 9/10 of the
 *       refresh interval, not the whole interval: the previous round refreshed it a few seconds
 *       after that round started, and it must be due again in the next round, not one interval
 *       later (go's strict rule refreshes buckets every other round).
 * </ul>
 */
final class RefreshSchedule {
  /** The period of the rounds while the table holds fewer than k peers. */
  static final Duration LOW_TABLE_PERIOD = Duration.ofMinutes(1);

  private final int k;
  private final Duration refreshInterval;

  RefreshSchedule(int k, Duration refreshInterval) {
    this.k = k;
    this.refreshInterval = refreshInterval;
  }

  /** The time between the starts of two rounds, given the table size now. */
  Duration period(int tableSize) {
    if (tableSize < k && LOW_TABLE_PERIOD.compareTo(refreshInterval) < 0) {
      return LOW_TABLE_PERIOD;
    }
    return refreshInterval;
  }

  /**
   * The pause before the next round, after a round that took {@code roundTook} and left {@code
   * tableSize} peers.
   */
  Duration pauseAfter(Duration roundTook, int tableSize) {
    Duration pause = period(tableSize).minus(roundTook);
    return pause.isNegative() ? Duration.ZERO : pause;
  }

  /** A bucket whose last lookup is older than this is refreshed. */
  Duration bucketDueAfter() {
    return refreshInterval.minus(refreshInterval.dividedBy(10));
  }
}
