/**
 * The Spring Boot starter of reactive-dht: auto-configuration of a DHT node on the libp2p transport
 * from {@code reactive-dht.*} properties, the Delegated Routing V1 HTTP API (opt-in) and a health
 * indicator, and with {@code dht-micrometer} the node's meters and observations. Public API: {@code
 * io.reactivedht.spring.boot.autoconfigure} (the properties, the lifecycle, the customizer, the
 * health indicator).
 */
module io.reactivedht.spring.boot {
  requires transitive io.reactivedht.transport;
  requires transitive io.reactivedht.routing.http;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.context;
  requires transitive spring.beans;
  requires static transitive spring.boot.health;
  requires static io.reactivedht.store.rocksdb;
  requires static transitive io.reactivedht.micrometer;
  requires static transitive micrometer.core;
  requires static transitive micrometer.observation;
  requires org.slf4j;

  exports io.reactivedht.spring.boot.autoconfigure;

  // Spring creates the configuration classes and binds the properties reflectively
  opens io.reactivedht.spring.boot.autoconfigure;
}
