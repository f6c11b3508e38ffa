package io.reactivedht.transport.config;

import java.time.Duration;

/**
 * How AutoNAT runs on a node.
 *
 * @param serve whether to answer other peers' DIAL requests
 * @param allowPrivateAddresses whether the server dials back loopback and private IPs (tests and
 *     private networks only: on the public network such a dial-back proves nothing)
 * @param dialTimeout how long one dial-back may take
 * @param maxConcurrentDialBacks dial-backs in progress at once; requests beyond are refused
 * @param maxRequestsPerPeer requests one peer may make per {@code rateWindow}; more are refused
 * @param rateWindow the window of the per-peer limit
 * @param serversPerProbe how many connected AutoNAT servers a probe asks
 * @param threshold how many OK (or E_DIAL_ERROR) answers make the verdict public (or private)
 * @param firstProbeDelay until the first verdict, how often the node checks whether enough AutoNAT
 *     servers (new ones) are connected to probe
 * @param probeInterval how often reachability is probed again
 */
public record AutoNatOptions(
    boolean serve,
    boolean allowPrivateAddresses,
    Duration dialTimeout,
    int maxConcurrentDialBacks,
    int maxRequestsPerPeer,
    Duration rateWindow,
    int serversPerProbe,
    int threshold,
    Duration firstProbeDelay,
    Duration probeInterval) {
  /**
   * Serve, public addresses only, 15 s dial-backs, 4 at once, 3 per peer a minute; ask 4, 3 decide;
   * every 15 min.
   */
  public static final AutoNatOptions DEFAULT =
      new AutoNatOptions(
          true,
          false,
          Duration.ofSeconds(15),
          4,
          3,
          Duration.ofMinutes(1),
          4,
          3,
          Duration.ofSeconds(5),
          Duration.ofMinutes(15));

  /** Checks the bounds. */
  public AutoNatOptions {
    if (maxConcurrentDialBacks < 1
        || maxRequestsPerPeer < 1
        || serversPerProbe < 1
        || threshold < 1) {
      throw new IllegalArgumentException("autonat limits must be positive");
    }
    if (threshold > serversPerProbe) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " exceeds servers per probe " + serversPerProbe);
    }
  }

  /** A copy that does (or does not) dial back private and loopback IPs. */
  public AutoNatOptions withAllowPrivateAddresses(boolean allow) {
    return new AutoNatOptions(
        serve,
        allow,
        dialTimeout,
        maxConcurrentDialBacks,
        maxRequestsPerPeer,
        rateWindow,
        serversPerProbe,
        threshold,
        firstProbeDelay,
        probeInterval);
  }

  /** A copy that does (or does not) answer other peers. */
  public AutoNatOptions withServe(boolean answer) {
    return new AutoNatOptions(
        answer,
        allowPrivateAddresses,
        dialTimeout,
        maxConcurrentDialBacks,
        maxRequestsPerPeer,
        rateWindow,
        serversPerProbe,
        threshold,
        firstProbeDelay,
        probeInterval);
  }

  /** A copy with other probe timing. */
  public AutoNatOptions withProbeTiming(Duration firstDelay, Duration interval) {
    return new AutoNatOptions(
        serve,
        allowPrivateAddresses,
        dialTimeout,
        maxConcurrentDialBacks,
        maxRequestsPerPeer,
        rateWindow,
        serversPerProbe,
        threshold,
        firstDelay,
        interval);
  }
}
