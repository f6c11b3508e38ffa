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

  /**
   * Checks the bounds.
   *
   * @param serve whether DIAL requests are answered
   * @param allowPrivateAddresses whether loopback and private IPs are dialed back
   * @param dialTimeout the limit of one dial-back
   * @param maxConcurrentDialBacks dial-backs in progress at once; at least 1
   * @param maxRequestsPerPeer requests one peer may make per {@code rateWindow}; at least 1
   * @param rateWindow the window of the per-peer limit
   * @param serversPerProbe connected servers one probe asks; at least 1
   * @param threshold answers that decide a verdict; from 1 to {@code serversPerProbe}
   * @param firstProbeDelay the period of the checks for servers until the first verdict
   * @param probeInterval the period of the probes
   */
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

  /**
   * A copy that does (or does not) dial back private and loopback IPs.
   *
   * @param allow true for tests and private networks, false on the public network
   * @return a copy with it
   */
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

  /**
   * A copy that does (or does not) answer other peers.
   *
   * @param answer whether other peers' DIAL requests are served
   * @return a copy with it
   */
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

  /**
   * A copy with other probe timing.
   *
   * @param firstDelay until the first verdict, how often to check whether new servers can be asked
   * @param interval how often reachability is probed again
   * @return a copy with them
   */
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
