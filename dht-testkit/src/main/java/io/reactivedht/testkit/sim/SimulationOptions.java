package io.reactivedht.testkit.sim;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a {@link Simulation} builds and measures. Immutable; {@code withX} returns a changed copy.
 *
 * @param nodes how many DHT servers the network has
 * @param lookups how many closest-peer lookups to measure
 * @param valueOps how many put-then-get pairs to measure
 * @param providerOps how many provide-then-find pairs to measure
 * @param k bucket size and replication
 * @param alpha lookup concurrency
 * @param beta early-termination threshold; 0 turns early termination off; above k counts as k
 * @param disjointPaths S/Kademlia disjoint paths; 0 is a plain lookup; above alpha counts as alpha
 * @param unresponsive share of nodes (in [0, 1)) that stop answering after the network formed
 * @param malicious share of nodes (in [0, 1)) that answer with fabricated closer peers
 * @param churn share of nodes (in [0, 1)) that leave after the network formed, replaced by as many
 *     newcomers
 * @param sybil share of nodes (in [0, 1)) that are colluding Sybils: their ids are ground close to
 *     a few victim nodes' ids, 2k Sybils around each victim, and once the network formed they
 *     answer every request with the Sybils closest to its key (and no record, no provider); the
 *     measured lookups then look up the victims' ids (the eclipse attack S/Kademlia's disjoint
 *     paths defend against)
 * @param medianRtt the median round-trip time of the log-normal latency model
 * @param seed seeds every random choice: the same options give the same run
 * @param formation how the network forms: every node bootstraps over the protocol, or the routing
 *     tables are seeded from global knowledge (see {@link Formation})
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
    long seed,
    Formation formation) {

  /**
   * Checks ranges.
   *
   * @param nodes at least 2
   * @param lookups 0 or more
   * @param valueOps 0 or more
   * @param providerOps 0 or more
   * @param k at least 1
   * @param alpha at least 1
   * @param beta 0 or more
   * @param disjointPaths 0 or more
   * @param unresponsive in [0, 1)
   * @param malicious in [0, 1)
   * @param churn in [0, 1)
   * @param sybil in [0, 1)
   * @param medianRtt positive (checked when a {@link Simulation} is made)
   * @param seed any value
   * @param formation not null
   */
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
   *
   * @return those options, with k 20, alpha 10, beta 3, no disjoint paths, no faults, seed 1 and
   *     the bootstrap formation
   */
  public static SimulationOptions defaults() {
    return new SimulationOptions(
        1000,
        200,
        50,
        50,
        20,
        10,
        3,
        0,
        0,
        0,
        0,
        0,
        Duration.ofMillis(100),
        1,
        Formation.BOOTSTRAP);
  }

  /**
   * A copy with another node count.
   *
   * @param v how many DHT servers, Sybils included; at least 2
   * @return a copy with it
   */
  public SimulationOptions withNodes(int v) {
    return copy(c -> c.nodes = v);
  }

  /**
   * A copy with another lookup count.
   *
   * @param v how many closest-peer lookups to measure; 0 or more
   * @return a copy with it
   */
  public SimulationOptions withLookups(int v) {
    return copy(c -> c.lookups = v);
  }

  /**
   * A copy with other put/get and provide/find counts.
   *
   * @param values how many put-then-get pairs to measure; 0 or more
   * @param providers how many provide-then-find pairs to measure; 0 or more
   * @return a copy with them
   */
  public SimulationOptions withOperations(int values, int providers) {
    return copy(
        c -> {
          c.valueOps = values;
          c.providerOps = providers;
        });
  }

  /**
   * A copy with other lookup parameters.
   *
   * @param k bucket size and replication; at least 1
   * @param alpha lookup concurrency; at least 1
   * @param beta early-termination threshold, 0 (off) or more; above {@code k} counts as {@code k}
   * @param disjointPaths disjoint paths, 0 (off) or more; above {@code alpha} counts as {@code
   *     alpha}
   * @return a copy with them
   */
  public SimulationOptions withLookupParameters(int k, int alpha, int beta, int disjointPaths) {
    return copy(
        c -> {
          c.k = k;
          c.alpha = alpha;
          c.beta = beta;
          c.disjointPaths = disjointPaths;
        });
  }

  /**
   * A copy with other fault shares.
   *
   * @param unresponsive share of nodes that stop answering, in [0, 1)
   * @param malicious share of nodes that fabricate closer peers, in [0, 1)
   * @param churn share of nodes replaced by newcomers, in [0, 1)
   * @return a copy with them
   */
  public SimulationOptions withFaults(double unresponsive, double malicious, double churn) {
    return copy(
        c -> {
          c.unresponsive = unresponsive;
          c.malicious = malicious;
          c.churn = churn;
        });
  }

  /**
   * A copy with another Sybil share.
   *
   * @param v share of nodes that are colluding Sybils, in [0, 1); 0 for none
   * @return a copy with it
   */
  public SimulationOptions withSybil(double v) {
    return copy(c -> c.sybil = v);
  }

  /**
   * A copy with another median RTT.
   *
   * @param v the median round trip of the log-normal latency model; positive
   * @return a copy with it
   */
  public SimulationOptions withMedianRtt(Duration v) {
    return copy(c -> c.medianRtt = v);
  }

  /**
   * A copy with another seed.
   *
   * @param v seeds every random choice of the run
   * @return a copy with it
   */
  public SimulationOptions withSeed(long v) {
    return copy(c -> c.seed = v);
  }

  /**
   * A copy with another formation.
   *
   * @param v how the network forms
   * @return a copy with it
   */
  public SimulationOptions withFormation(Formation v) {
    return copy(c -> c.formation = v);
  }

  /** A copy with what {@code change} sets; checked as any options are. */
  private SimulationOptions copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components as fields, for the withers. */
  private static final class Copy {
    int nodes;
    int lookups;
    int valueOps;
    int providerOps;
    int k;
    int alpha;
    int beta;
    int disjointPaths;
    double unresponsive;
    double malicious;
    double churn;
    double sybil;
    Duration medianRtt;
    long seed;
    Formation formation;

    Copy(SimulationOptions o) {
      nodes = o.nodes;
      lookups = o.lookups;
      valueOps = o.valueOps;
      providerOps = o.providerOps;
      k = o.k;
      alpha = o.alpha;
      beta = o.beta;
      disjointPaths = o.disjointPaths;
      unresponsive = o.unresponsive;
      malicious = o.malicious;
      churn = o.churn;
      sybil = o.sybil;
      medianRtt = o.medianRtt;
      seed = o.seed;
      formation = o.formation;
    }

    SimulationOptions build() {
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
          seed,
          formation);
    }
  }
}
