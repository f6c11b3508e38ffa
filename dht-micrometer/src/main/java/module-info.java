/**
 * Micrometer metrics and observations of a reactive-dht node: {@link
 * io.reactivedht.micrometer.DhtMetrics} makes the node's {@code DhtObserver} (meters, and an
 * observation per operation with its requests as children), {@link
 * io.reactivedht.micrometer.TransportMetrics} binds the libp2p transport's figures. {@code
 * dht-transport} is optional: only {@code TransportMetrics} needs it.
 */
module io.reactivedht.micrometer {
  requires transitive io.reactivedht.reactor;
  requires static transitive io.reactivedht.transport;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports io.reactivedht.micrometer;
}
