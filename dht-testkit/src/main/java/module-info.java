/**
 * Testing code built on reactive-dht, as reactor-test stands beside reactor-core: a swarm of DHT
 * nodes to test against ({@link io.reactivedht.testkit.TestSwarm}), the in-memory network and the
 * simulator ({@code sim}), and the contract tests of the transport and store SPIs ({@code
 * contract}).
 */
module io.reactivedht.testkit {
  requires transitive io.reactivedht.reactor;

  // Only the contract tests use these: the simulator runs without them (dht-cli leaves them out).
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;
  requires static reactor.test;

  exports io.reactivedht.testkit;
  exports io.reactivedht.testkit.contract;
  exports io.reactivedht.testkit.sim;
}
