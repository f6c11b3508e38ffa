package io.reactivedht.core.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How a lookup runs. Immutable; change a copy with the {@code with...} methods.
 *
 * @param alpha the most requests in flight at once (Kademlia's α); a request past its timeout no
 *     longer counts
 * @param numResults how many answered peers the lookup looks for (Kademlia's k for a standard
 *     lookup)
 * @param peerTimeout how long a request may take before the peer counts as unresponsive and frees
 *     its slot; a {@link PeerPolicy} may give a peer less
 * @param beta how many of the closest peers must have answered for early termination
 *     (go-libp2p-kad-dht's resiliency); values above {@code numResults} act as {@code numResults}
 * @param earlyTermination whether the lookup ends once the {@code beta} closest peers answered,
 *     rather than the {@code numResults} closest
 * @param maxCloserPeers the most closer peers taken from one response: the DHT's bucket size k,
 *     which an honest peer never exceeds; a larger response is cut to the closest ones
 * @param followUp with early termination: once the {@code beta} closest answered, go on to ask the
 *     peers among the {@code numResults} closest already known that were not asked yet, learning no
 *     new peers from their answers (go-libp2p-kad-dht's {@code runLookupWithFollowup}); a value
 *     search uses it to reach its quorum
 */
public record LookupConfig(
    int alpha,
    int numResults,
    Duration peerTimeout,
    int beta,
    boolean earlyTermination,
    int maxCloserPeers,
    boolean followUp) {
  /** The Amino DHT's α. */
  public static final int DEFAULT_ALPHA = 10;

  /** The Amino DHT's k. */
  public static final int DEFAULT_NUM_RESULTS = 20;

  /** The Amino DHT's β. */
  public static final int DEFAULT_BETA = 3;

  /** rust-libp2p's default per-peer timeout. */
  public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(10);

  /**
   * α = 10, k = 20 results, 10 s per peer, β = 3 but early termination off, at most 20 closer
   * peers.
   */
  public static final LookupConfig DEFAULT =
      new LookupConfig(
          DEFAULT_ALPHA,
          DEFAULT_NUM_RESULTS,
          DEFAULT_PEER_TIMEOUT,
          DEFAULT_BETA,
          false,
          DEFAULT_NUM_RESULTS,
          false);

  /**
   * Checks the values: counts at least 1, a positive timeout.
   *
   * @param alpha at least 1
   * @param numResults at least 1
   * @param peerTimeout positive
   * @param beta at least 1
   * @param earlyTermination whether to end at β rather than k answered peers
   * @param maxCloserPeers at least 1
   * @param followUp whether to ask the rest of the k closest after early termination
   */
  public LookupConfig {
    Objects.requireNonNull(peerTimeout, "peerTimeout");
    if (alpha < 1) {
      throw new IllegalArgumentException("alpha must be at least 1, got " + alpha);
    }
    if (numResults < 1) {
      throw new IllegalArgumentException("numResults must be at least 1, got " + numResults);
    }
    if (beta < 1) {
      throw new IllegalArgumentException("beta must be at least 1, got " + beta);
    }
    if (maxCloserPeers < 1) {
      throw new IllegalArgumentException(
          "maxCloserPeers must be at least 1, got " + maxCloserPeers);
    }
    if (peerTimeout.isNegative() || peerTimeout.isZero()) {
      throw new IllegalArgumentException("peerTimeout must be positive, got " + peerTimeout);
    }
  }

  /**
   * A configuration without follow-up.
   *
   * @param alpha the most requests in flight, at least 1
   * @param numResults k, at least 1
   * @param peerTimeout the longest a request may take, positive
   * @param beta the answered peers early termination waits for, at least 1
   * @param earlyTermination whether to end at β rather than k answered peers
   * @param maxCloserPeers the most closer peers taken from one response, at least 1
   */
  public LookupConfig(
      int alpha,
      int numResults,
      Duration peerTimeout,
      int beta,
      boolean earlyTermination,
      int maxCloserPeers) {
    this(alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, false);
  }

  /**
   * A copy with another α.
   *
   * @param alpha the most requests in flight, at least 1
   * @return a new config; this one is unchanged
   */
  public LookupConfig withAlpha(int alpha) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /**
   * A copy with another k.
   *
   * @param numResults how many answered peers to look for, at least 1
   * @return a new config; this one is unchanged
   */
  public LookupConfig withNumResults(int numResults) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /**
   * A copy with another per-peer timeout.
   *
   * @param peerTimeout positive
   * @return a new config; this one is unchanged
   */
  public LookupConfig withPeerTimeout(Duration peerTimeout) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /**
   * A copy that terminates early once the {@code beta} closest peers answered.
   *
   * @param beta at least 1; values above {@link #numResults()} act as {@code numResults}
   * @return a new config with {@link #earlyTermination()} on; this one is unchanged
   */
  public LookupConfig withBeta(int beta) {
    return new LookupConfig(alpha, numResults, peerTimeout, beta, true, maxCloserPeers, followUp);
  }

  /**
   * A copy with early termination switched on (at the current β) or off.
   *
   * @param earlyTermination true to end once the β closest peers answered
   * @return a new config; this one is unchanged
   */
  public LookupConfig withEarlyTermination(boolean earlyTermination) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /**
   * A copy that takes at most {@code maxCloserPeers} closer peers from a response.
   *
   * @param maxCloserPeers at least 1; usually the DHT's bucket size k
   * @return a new config; this one is unchanged
   */
  public LookupConfig withMaxCloserPeers(int maxCloserPeers) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /**
   * A copy with the follow-up after early termination switched on or off.
   *
   * @param followUp true to ask the not yet asked peers among the k closest known; has no effect
   *     without early termination
   * @return a new config; this one is unchanged
   */
  public LookupConfig withFollowUp(boolean followUp) {
    return new LookupConfig(
        alpha, numResults, peerTimeout, beta, earlyTermination, maxCloserPeers, followUp);
  }

  /** How many of the closest live peers must have answered before the lookup may end. */
  int quorum() {
    return earlyTermination ? Math.min(beta, numResults) : numResults;
  }
}
