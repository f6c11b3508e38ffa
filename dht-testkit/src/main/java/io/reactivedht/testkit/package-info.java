/**
 * Testing code that uses a DHT: {@link io.reactivedht.testkit.TestSwarm}, a swarm of started nodes
 * on the in-memory network, in virtual or real time. The network and simulator themselves are in
 * {@code sim}, the SPI contract tests in {@code contract}.
 */
@NullMarked
package io.reactivedht.testkit;

import org.jspecify.annotations.NullMarked;
