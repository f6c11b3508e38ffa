/**
 * An in-memory network that hosts thousands of DHT nodes in one JVM under virtual time: {@link
 * io.reactivedht.testkit.sim.InMemoryNetwork} hands out {@link
 * io.reactivedht.testkit.sim.SimulatedTransport}s (the second implementation of the transport SPI)
 * and delivers their requests after delays drawn from a {@link
 * io.reactivedht.testkit.sim.LatencyModel}, with the loss, churn, unresponsive and {@link
 * io.reactivedht.testkit.sim.Adversary adversarial} nodes that the {@link
 * io.reactivedht.testkit.sim.NetworkConditions} and per-node settings ask for. Every delay is a
 * delay of the injected scheduler and every random choice comes from one seeded generator, so a run
 * is repeatable.
 */
@NullMarked
package io.reactivedht.testkit.sim;

import org.jspecify.annotations.NullMarked;
