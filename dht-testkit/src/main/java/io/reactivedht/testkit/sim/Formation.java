package io.reactivedht.testkit.sim;

/** How a simulated network forms before the measurements. */
public enum Formation {
  /**
   * Honest formation: the nodes join in waves, each bootstrapping through three earlier nodes over
   * the protocol (a self-lookup and a refresh of its buckets), as a deployment does.
   */
  BOOTSTRAP,

  /**
   * From global knowledge: every node starts, then its routing table is given, for each bucket, up
   * to k random peers of that bucket's range (the table of a converged network, the way most
   * published Kademlia simulations start); the normal maintenance then runs. Much faster for large
   * networks.
   */
  SEEDED
}
