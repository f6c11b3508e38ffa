/**
 * The DHT as Reactor pipelines. Public API: the {@link io.reactivedht.reactor.Dht} facade, its
 * options ({@code config}), events ({@code event}), results and errors ({@code lookup}, {@code
 * value}, {@code provider}, {@code routing}, {@code server}), the transport port ({@code spi}),
 * what a node keeps across restarts ({@code state}) and the observer SPI for metrics and tracing
 * ({@code observe}). The wiring behind the facade lives in {@code
 * io.reactivedht.reactor.internal.*}, which no other module can see. The in-memory network and
 * simulator are in the {@code io.reactivedht.testkit} module.
 */
module io.reactivedht.reactor {
  requires transitive io.reactivedht.core;
  requires transitive reactor.core;
  requires transitive org.reactivestreams;

  exports io.reactivedht.reactor;
  exports io.reactivedht.reactor.config;
  exports io.reactivedht.reactor.event;
  exports io.reactivedht.reactor.lookup;
  exports io.reactivedht.reactor.observe;
  exports io.reactivedht.reactor.provider;
  exports io.reactivedht.reactor.routing;
  exports io.reactivedht.reactor.server;
  exports io.reactivedht.reactor.spi;
  exports io.reactivedht.reactor.state;
  exports io.reactivedht.reactor.value;
}
