package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How the whole simulated network behaves; what differs per node (unresponsive, adversarial, client
 * or server) is set on the {@link InMemoryNetwork} instead. Immutable; each {@code withX} returns a
 * changed copy.
 *
 * @param latency the one-way delay of each message
 * @param lossProbability the chance, 0 to 1, that one request or one response silently disappears:
 *     the caller hears nothing and its own timeout fires (a stalled stream, as a lost packet on a
 *     dying TCP connection looks)
 * @param dialTimeout how long a dial to an absent peer (never joined, or left) takes to fail, zero
 *     or positive; zero is a refused connection
 * @param absentPeer whether such a dial fails after {@code dialTimeout} or hangs until the caller
 *     gives up
 * @param connectionLimit the most peers a node stays connected to (a connection manager's high
 *     water mark): opening one more closes the oldest, and both ends see it {@code Disconnected};
 *     this bounds each node's state
 */
public record NetworkConditions(
    LatencyModel latency,
    double lossProbability,
    Duration dialTimeout,
    AbsentPeer absentPeer,
    int connectionLimit) {

  /** What a request to a peer that is not in the network does. */
  public enum AbsentPeer {
    /**
     * Fails with {@link io.reactivedht.reactor.spi.PeerUnreachableException} once the dial timeout
     * elapsed.
     */
    FAIL_AFTER_DIAL_TIMEOUT,
    /** Never completes: only the caller's timeout ends it (a dial into a black hole). */
    HANG
  }

  /** go-libp2p's default connection manager high water mark. */
  public static final int DEFAULT_CONNECTION_LIMIT = 192;

  /** go-libp2p's per-address dial timeout. */
  public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Validates every setting.
   *
   * @param latency not null
   * @param lossProbability 0 to 1
   * @param dialTimeout zero or positive
   * @param absentPeer not null
   * @param connectionLimit at least 1
   */
  public NetworkConditions {
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(absentPeer, "absentPeer");
    if (!(lossProbability >= 0 && lossProbability <= 1)) {
      throw new IllegalArgumentException(
          "loss probability must be between 0 and 1, got " + lossProbability);
    }
    if (dialTimeout.isNegative()) {
      throw new IllegalArgumentException("dial timeout must not be negative, got " + dialTimeout);
    }
    if (connectionLimit < 1) {
      throw new IllegalArgumentException(
          "connection limit must be positive, got " + connectionLimit);
    }
  }

  /**
   * No delay, no loss, dials to absent peers fail after {@link #DEFAULT_DIAL_TIMEOUT}, at most
   * {@link #DEFAULT_CONNECTION_LIMIT} connections per node.
   *
   * @return those conditions; start from them and change what a test needs
   */
  public static NetworkConditions ideal() {
    return new NetworkConditions(
        LatencyModel.constant(Duration.ZERO),
        0,
        DEFAULT_DIAL_TIMEOUT,
        AbsentPeer.FAIL_AFTER_DIAL_TIMEOUT,
        DEFAULT_CONNECTION_LIMIT);
  }

  /**
   * A copy with another {@link #latency()}.
   *
   * @param v the one-way delay of each message
   * @return a copy with it
   */
  public NetworkConditions withLatency(LatencyModel v) {
    return new NetworkConditions(v, lossProbability, dialTimeout, absentPeer, connectionLimit);
  }

  /**
   * A copy with another {@link #lossProbability()}.
   *
   * @param v the chance that one message is lost, 0 to 1
   * @return a copy with it
   */
  public NetworkConditions withLossProbability(double v) {
    return new NetworkConditions(latency, v, dialTimeout, absentPeer, connectionLimit);
  }

  /**
   * A copy with another {@link #dialTimeout()}.
   *
   * @param v how long a dial to an absent peer takes to fail; zero or positive
   * @return a copy with it
   */
  public NetworkConditions withDialTimeout(Duration v) {
    return new NetworkConditions(latency, lossProbability, v, absentPeer, connectionLimit);
  }

  /**
   * A copy with another {@link #absentPeer()}.
   *
   * @param v whether a request to an absent peer fails or hangs
   * @return a copy with it
   */
  public NetworkConditions withAbsentPeer(AbsentPeer v) {
    return new NetworkConditions(latency, lossProbability, dialTimeout, v, connectionLimit);
  }

  /**
   * A copy with another {@link #connectionLimit()}.
   *
   * @param v the most connections per node; at least 1
   * @return a copy with it
   */
  public NetworkConditions withConnectionLimit(int v) {
    return new NetworkConditions(latency, lossProbability, dialTimeout, absentPeer, v);
  }
}
