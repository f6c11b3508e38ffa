package io.reactivedht.testkit.sim;

/** How a simulated network forms before the measurements. */
public enum Formation {
  /**
   * Honest formation: the nodes join in waves, each bootstrapping through three earlier nodes over
   * the protocol (a self-lookup and a refresh of its buckets), as a deployment does; the network
   * then runs one refresh period, and again after faults are injected.
   */
  BOOTSTRAP,

  /**
   * From global knowledge: every node starts from the routing table of a converged network (the way
   * most published Kademlia simulations start): for each bucket, up to k random peers of that
   * bucket's range, last refreshed at a random moment of the last refresh period, so that the
   * nodes' maintenance rounds fall out of phase. The normal maintenance runs from there, and the
   * measurements start at once, after faults too (the tables still hold the faulty nodes). Much
   * faster for large networks.
   */
  SEEDED
}
