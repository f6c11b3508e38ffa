/** The {@code dht} command: daemon, one-shot operations, demo and simulation. */
module io.reactivedht.cli {
  requires io.reactivedht.transport;
  requires io.reactivedht.testkit;
  requires io.reactivedht.store.rocksdb;
  requires io.reactivedht.routing.http;
  requires io.reactivedht.micrometer;
  requires micrometer.registry.prometheus;
  requires reactor.netty.http;
  requires reactor.netty.core;
  requires io.netty.codec.http;
  requires tools.jackson.core;
  requires info.picocli;
  requires org.knowm.xchart;
  requires java.desktop;
  requires java.logging;

  opens io.reactivedht.cli to
      info.picocli;
}
