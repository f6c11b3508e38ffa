/**
 * The libp2p stack the DHT runs on (TCP, Noise, yamux, multistream-select, identify, ping, AutoNAT)
 * behind the {@code dht-reactor} transport port. Public API: {@code io.reactivedht.transport}
 * ({@link io.reactivedht.transport.Libp2pTransport}, its options and the identity key file); the
 * protocol layers inside are not exported.
 */
module io.reactivedht.transport {
  requires transitive io.reactivedht.reactor;
  requires reactor.netty.core;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.common;
  requires com.google.protobuf;
  requires com.github.benmanes.caffeine;
  requires java.logging;
  requires java.naming;

  exports io.reactivedht.transport;
  exports io.reactivedht.transport.config;
}
