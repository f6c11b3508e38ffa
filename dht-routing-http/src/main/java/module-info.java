/**
 * The Delegated Routing V1 HTTP API over a DHT node, as Spring WebFlux functional routes (no Spring
 * Boot): {@link io.reactivedht.routing.http.DelegatedRoutingApi}.
 */
module io.reactivedht.routing.http {
  requires transitive io.reactivedht.reactor;
  requires transitive spring.webflux;
  requires transitive spring.web;
  requires transitive spring.core;
  requires transitive tools.jackson.databind;
  requires com.fasterxml.jackson.annotation;
  requires org.slf4j;

  exports io.reactivedht.routing.http;

  // Jackson reads PeerRecord's accessors reflectively
  opens io.reactivedht.routing.http to
      tools.jackson.databind;
}
