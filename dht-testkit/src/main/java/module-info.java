/**
 * Testing code built on reactive-dht, as reactor-test stands beside reactor-core: the in-memory
 * network and the simulator ({@code sim}).
 */
module io.reactivedht.testkit {
  requires transitive io.reactivedht.reactor;

  exports io.reactivedht.testkit.sim;
}
