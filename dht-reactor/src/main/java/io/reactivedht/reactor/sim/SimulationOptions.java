package io.reactivedht.reactor.sim;

import java.time.Duration;

/**
 * What a {@link Simulation} builds and measures. Immutable; {@code withX} returns a changed copy.
 *
 * @param nodes how many DHT servers the network has
 * @param lookups how many closest-peer lookups to measure
 * @param valueOps how many put-then-get pairs to measure
 * @param providerOps how many provide-then-find pairs to measure
 * @param k bucket size and replication
 * @param alpha lookup concurrency
 * @param beta early-termination threshold; 0 turns early termination off
 * @param disjointPaths S/Kademlia disjoint paths; 0 is a plain lookup
 * @param unresponsive share of nodes (0 to 1) that stop answering after the network formed
 * @param malicious share of nodes (0 to 1) that answer with fabricated closer peers and records
 * @param churn share of nodes (0 to 1) that leave after the network formed, replaced by as many
 *     newcomers
 * @param sybil share of nodes (0 to 1) that are colluding Sybils: their ids are ground close to a
 *     few victim nodes' ids, 2k Sybils around each victim, and once the network formed they answer
 *     every request with the Sybils closest to its key (and no record, no provider); the measured
 *     lookups then look up the victims' ids (the eclipse attack S/Kademlia's disjoint paths defend
 *     against)
 * @param medianRtt the median round-trip time of the log-normal latency model
 * @param seed seeds every random choice: the same options give the same run
 */
public record SimulationOptions(
    int nodes,
    int lookups,
    int valueOps,
    int providerOps,
    int k,
    int alpha,
    int beta,
    int disjointPaths,
    double unresponsive,
    double malicious,
    double churn,
    double sybil,
    Duration medianRtt,
    long seed) {

  /** Checks ranges. */
  public SimulationOptions {
    if (nodes < 2
        || lookups < 0
        || valueOps < 0
        || providerOps < 0
        || k < 1
        || alpha < 1
        || beta < 0
        || disjointPaths < 0) {
      throw new IllegalArgumentException("invalid simulation counts");
    }
    for (double share : new double[] {unresponsive, malicious, churn, sybil}) {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("shares must be in [0, 1), got " + share);
      }
    }
  }

  /**
   * 1,000 nodes, 200 lookups, 50 put/get and 50 provide/find pairs, spec parameters, 100 ms median
   * RTT.
   */
  public static SimulationOptions defaults() {
    return new SimulationOptions(
        1000, 200, 50, 50, 20, 10, 3, 0, 0, 0, 0, 0, Duration.ofMillis(100), 1);
  }

  /** A copy with another node count. */
  public SimulationOptions withNodes(int v) {
    return new SimulationOptions(
        v,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        seed);
  }

  /** A copy with another lookup count. */
  public SimulationOptions withLookups(int v) {
    return new SimulationOptions(
        nodes,
        v,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        seed);
  }

  /** A copy with other put/get and provide/find counts. */
  public SimulationOptions withOperations(int values, int providers) {
    return new SimulationOptions(
        nodes,
        lookups,
        values,
        providers,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        seed);
  }

  /** A copy with other lookup parameters. */
  public SimulationOptions withLookupParameters(int k, int alpha, int beta, int disjointPaths) {
    return new SimulationOptions(
        nodes,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        seed);
  }

  /** A copy with other fault shares. */
  public SimulationOptions withFaults(double unresponsive, double malicious, double churn) {
    return new SimulationOptions(
        nodes,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        seed);
  }

  /** A copy with another Sybil share. */
  public SimulationOptions withSybil(double v) {
    return new SimulationOptions(
        nodes,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        v,
        medianRtt,
        seed);
  }

  /** A copy with another median RTT. */
  public SimulationOptions withMedianRtt(Duration v) {
    return new SimulationOptions(
        nodes,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        v,
        seed);
  }

  /** A copy with another seed. */
  public SimulationOptions withSeed(long v) {
    return new SimulationOptions(
        nodes,
        lookups,
        valueOps,
        providerOps,
        k,
        alpha,
        beta,
        disjointPaths,
        unresponsive,
        malicious,
        churn,
        sybil,
        medianRtt,
        v);
  }
}
